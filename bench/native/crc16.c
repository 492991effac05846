/* Native twin of crc16.pasm: CRC-16/CCITT-FALSE (poly 1021h, init FFFFh), bit by bit, over 1 KiB. */
#include "twin.h"

#define LEN 1024
static uint8_t buffer[LEN];

static void setup(void) {
    uint16_t x = 1;
    for (int i = 0; i < LEN; i++) {
        x = (uint16_t) ((uint32_t) x * 25173u + 13849u);
        buffer[i] = (uint8_t) (x >> 8);
    }
}

static uint16_t work(void) {
    uint16_t crc = 0xFFFF;
    for (int i = 0; i < LEN; i++) {
        crc ^= (uint16_t) (buffer[i] << 8);
        for (int bit = 0; bit < 8; bit++) {
            if (crc & 0x8000) crc = (uint16_t) ((crc << 1) ^ 0x1021);
            else crc = (uint16_t) (crc << 1);
        }
    }
    return crc;
}
