package io.driftless.api.config;

import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reads the server configuration outside the server, e.g. for {@code driftless db migrate}. */
public final class ConfigurationFiles {
  private ConfigurationFiles() {}

  /**
   * The configuration in {@code file}, with {@code ${ENV}} substituted and {@code dw.*} system
   * properties applied, exactly as the server reads it; null for the defaults.
   *
   * @throws IllegalArgumentException when the file is unreadable or invalid, with the reason
   */
  public static DriftlessConfiguration load(Path file) {
    YamlConfigurationFactory<DriftlessConfiguration> factory =
        new YamlConfigurationFactory<>(
            DriftlessConfiguration.class,
            Validators.newValidator(),
            Jackson.newObjectMapper(),
            "dw");
    try {
      if (file == null) {
        return factory.build();
      }
      return factory.build(
          new SubstitutingSourceProvider(
              new FileConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)),
          file.toString());
    } catch (ConfigurationException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
