/* Native twin of matmul.pasm: C = A x B for 8x8 matrices of 16-bit words; result = sum of C. */
#include "twin.h"

static uint16_t a[8][8], b[8][8], c[8][8];

static void setup(void) {
    uint16_t x = 1;
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            x = (uint16_t) ((uint32_t) x * 25173u + 13849u);
            a[i][j] = x;
        }
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            x = (uint16_t) ((uint32_t) x * 25173u + 13849u);
            b[i][j] = x;
        }
}

static uint16_t work(void) {
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) {
            uint16_t sum = 0;
            for (int k = 0; k < 8; k++) sum = (uint16_t) (sum + (uint32_t) a[i][k] * b[k][j]);
            c[i][j] = sum;
        }
    uint16_t total = 0;
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 8; j++) total = (uint16_t) (total + c[i][j]);
    return total;
}
