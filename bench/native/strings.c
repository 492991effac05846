/* Native twin of strings.pasm: copy a string twice, compare the copies, change one byte, compare again. */
#include "twin.h"

static const char text[] =
    "Machine code belongs to one CPU. Armistice reads four bytes at a time, big-endian; "
    "Intellio reads one to four, little-endian. Run one's binary on the other and it is "
    "misdecoded: wrong instructions, wrong arguments, then death on garbage. An emulator translates.";
static uint8_t buf1[512], buf2[512];

/* Copies the NUL-terminated src to dst; returns its length (without the NUL). */
static uint16_t copy(uint8_t *dst, const uint8_t *src) {
    const uint8_t *start = src;
    uint8_t ch;
    do {
        ch = *src++;
        *dst++ = ch;
    } while (ch != 0);
    return (uint16_t) (src - start - 1);
}

/* 0 if equal, else the difference of the first differing bytes (unsigned, modulo 2^16). */
static uint16_t compare(const uint8_t *p, const uint8_t *q) {
    for (;;) {
        uint8_t x = *p++, y = *q++;
        if (x != y) return (uint16_t) (x - y);
        if (x == 0) return 0;
    }
}

static void setup(void) {}

static uint16_t work(void) {
    const uint8_t *t = (const uint8_t *) text;
    OPAQUE(t);
    uint16_t len = copy(buf1, t);
    copy(buf2, buf1);
    uint16_t same = compare(buf2, t);
    buf2[40]++;
    uint16_t up = compare(buf2, t);
    uint16_t down = compare(t, buf2);
    return (uint16_t) (len * 4 + same + up * 2 + down);
}
