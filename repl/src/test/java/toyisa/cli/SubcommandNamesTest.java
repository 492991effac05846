package toyisa.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** toyisa finds the subcommand a command line names by its class's name: each must be the one its annotation gives. */
class SubcommandNamesTest {
    @Test
    void eachSubcommandIsNamedAsItsClass() {
        assertFalse(Toyisa.subcommands().isEmpty());
        for (Class<?> c : Toyisa.subcommands()) {
            assertEquals(c.getAnnotation(Command.class).name(), Toyisa.commandName(c), c.getName());
        }
    }
}
