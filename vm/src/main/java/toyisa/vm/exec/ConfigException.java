package toyisa.vm.exec;

/** A user configuration file (the binfmt registry) cannot be read, written or understood; the message says why. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
