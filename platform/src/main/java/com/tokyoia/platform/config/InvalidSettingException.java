package com.tokyoia.platform.config;

/**
 * A configuration value the application cannot start with. The message names the key and the
 * environment variable that sets it, so the operator knows what to change.
 */
public class InvalidSettingException extends IllegalStateException {
    private final String key;

    public InvalidSettingException(String key, String problem) {
        super(key + " (environment variable " + ConfigReader.environmentName(key) + ") " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
