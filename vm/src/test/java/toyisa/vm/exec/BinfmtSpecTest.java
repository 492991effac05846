package toyisa.vm.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The checks {@code toyisa binfmt --install} applies, the kernel's rules for a register line. */
class BinfmtSpecTest {
    private static String error(String magic, String mask, String offset, String extension) {
        return assertThrows(ConfigException.class,
                () -> BinfmtSpec.entry("t", "/usr/bin/t", magic, mask, offset, extension, "", null)).getMessage();
    }

    @Test
    void bytesArePrintableCharactersOrHexEscapes() throws ConfigException {
        assertArrayEquals(new byte[] {0x7F, 'T', 'X', 'F', 0x01}, BinfmtSpec.bytes("\\x7fTXF\\x01", "--magic"));
        assertArrayEquals(new byte[] {(byte) 0xCA, (byte) 0xFE}, BinfmtSpec.bytes("\\xCA\\xfe", "--magic"));
    }

    @Test
    void aBadEscapeSaysWhereAndHowToWriteIt() {
        assertEquals("--magic: bad escape '\\xZZ' at character 5; write a byte as \\x and two hex digits, e.g. \\x7f",
                error("\\x7f\\xZZ", null, null, null));
        assertEquals("--magic: bad escape '\\x7' at character 1; write a byte as \\x and two hex digits, e.g. \\x7f",
                error("\\x7", null, null, null));
        assertEquals("--magic: character 3 is not printable ASCII; write it as \\xNN (\\x20)", error("AB CD", null, null, null));
    }

    @Test
    void aMaskMustBeAsLongAsTheMagic() {
        assertEquals("binfmt entry t: --mask has 1 byte but --magic has 4 bytes; the mask covers the magic byte for byte",
                error("ABCD", "\\xff", null, null));
    }

    @Test
    void theMagicMustLieInTheFirst128Bytes() throws ConfigException {
        assertEquals("binfmt entry t: the magic would end at byte 129 (offset 125 + 4 bytes), past the first 128 bytes"
                + " of the file, which is all the kernel reads to match", error("ABCD", null, "125", null));
        assertEquals(124, BinfmtSpec.entry("t", "/t", "ABCD", null, "124", null, "", null).offset());
        assertEquals("binfmt entry t: --offset '-1' is not a whole number of bytes", error("ABCD", null, "-1", null));
    }

    @Test
    void magicAndExtensionExcludeEachOther() {
        assertEquals("binfmt entry t: give --magic or --extension, not both", error("AB", null, null, "woz"));
        assertEquals("binfmt entry t: give --magic BYTES (with --mask and --offset) or --extension EXT", error(null, null, null, null));
        assertEquals("binfmt entry t: --mask and --offset go with --magic; an extension entry matches the file name only",
                error(null, null, "0", "woz"));
        assertEquals("binfmt entry t: write the extension without its dot, e.g. --extension woz", error(null, null, null, ".woz"));
    }

    @Test
    void namesAndFlagsFollowTheKernel() {
        assertEquals("binfmt entry name 'status' is reserved (it is a file of binfmt_misc itself)",
                assertThrows(ConfigException.class, () -> BinfmtSpec.entry("status", "/t", "AB", null, null, null, "", null)).getMessage());
        assertThrows(ConfigException.class, () -> BinfmtSpec.entry("a:b", "/t", "AB", null, null, null, "", null));
        assertEquals("binfmt entry t: unknown flag 'X'; the kernel knows P (preserve argv[0]), O (open binary), C (credentials), F (fix binary)",
                assertThrows(ConfigException.class, () -> BinfmtSpec.entry("t", "/t", "AB", null, null, null, "PX", null)).getMessage());
    }

    @Test
    void theRegisterLineEscapesEveryMagicByte() throws ConfigException {
        // A ':' (3Ah) in the magic would end the field early if written as itself.
        BinfmtEntry e = BinfmtSpec.entry("colon", "/usr/bin/t", "a:\\x00", "\\xff\\xff\\xff", "2", null, "FPC", "pkg");
        assertEquals(":colon:M:2:\\x61\\x3a\\x00:\\xff\\xff\\xff:/usr/bin/t:CPF", e.registerLine());
        BinfmtEntry woz = BinfmtSpec.entry("woz", "/usr/bin/wozbin", null, null, null, "woz", "P", null);
        assertEquals(":woz:E:0:woz::/usr/bin/wozbin:P", woz.registerLine());
        assertEquals("<local>", woz.packageName());
    }

    @Test
    void theFormatFileIsWhatBinfmtSupportImports() throws ConfigException {
        assertEquals("""
                package toyisa
                interpreter toyisa-emulate-intellio
                magic \\x7f\\x54\\x58\\x46\\x01\\x01\\x02\\x1e
                mask \\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff
                offset 0
                """, BinfmtRegistry.intellioEntry().formatFile());
        assertEquals("""
                package <local>
                interpreter /usr/bin/wozbin
                extension woz
                credentials yes
                preserve yes
                """, BinfmtSpec.entry("woz", "/usr/bin/wozbin", null, null, null, "woz", "PC", null).formatFile());
    }
}
