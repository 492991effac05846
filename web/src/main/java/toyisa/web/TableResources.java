package toyisa.web;

import org.teavm.classlib.ResourceSupplier;
import org.teavm.classlib.ResourceSupplierContext;

/**
 * Tells TeaVM, at compile time, which class-path resources the core reads at run time, so that
 * they are embedded in the script: the two ISA tables and the two lowering tables. Without it
 * {@code getResourceAsStream} finds nothing in the browser.
 */
public final class TableResources implements ResourceSupplier {
    static final String[] RESOURCES = {
        "toyisa/armistice/armistice.isa",
        "toyisa/intellio/intellio.isa",
        "toyisa/asm/lowering/armistice.lower",
        "toyisa/asm/lowering/intellio.lower",
    };

    @Override
    public String[] supplyResources(ResourceSupplierContext context) {
        return RESOURCES.clone();
    }
}
