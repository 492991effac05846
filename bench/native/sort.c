/* Native twin of sort.pasm: bubble sort of 128 pseudo-random words, checked by a weighted sum. */
#include "twin.h"

#define COUNT 128
static uint16_t array[COUNT];

static void setup(void) {}

static uint16_t work(void) {
    uint16_t x = 1;
    OPAQUE(x);
    for (int i = 0; i < COUNT; i++) {
        x = (uint16_t) ((uint32_t) x * 25173u + 13849u); /* the same LCG as the .pasm */
        array[i] = x;
    }
    for (int last = COUNT - 1; last > 0; last--) {
        for (int i = 0; i < last; i++) {
            uint16_t p = array[i], q = array[i + 1];
            if (p > q) {
                array[i] = q;
                array[i + 1] = p;
            }
        }
    }
    uint16_t sum = 0;
    for (int i = 0; i < COUNT; i++) sum = (uint16_t) (sum + (uint32_t) array[i] * (uint32_t) (i + 1));
    return sum;
}
