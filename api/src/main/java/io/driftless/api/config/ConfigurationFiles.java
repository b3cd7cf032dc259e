package io.driftless.api.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.driftless.api.model.Fields;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.DefaultConfigurationFactoryFactory;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads the server configuration outside the server, e.g. for {@code driftless db migrate}. */
public final class ConfigurationFiles {
  private ConfigurationFiles() {}

  /**
   * The configuration in {@code file}, with {@code ${ENV}} substituted and {@code dw.*} system
   * properties applied, exactly as the server reads it; null for the defaults.
   *
   * @throws InvalidConfigurationException when the file is invalid, saying where in one line
   * @throws UncheckedIOException when the file cannot be read
   */
  public static DriftlessConfiguration load(Path file) {
    // The factory the server's bootstrap uses: it also refuses unknown fields.
    ConfigurationFactory<DriftlessConfiguration> factory =
        new DefaultConfigurationFactoryFactory<DriftlessConfiguration>()
            .create(
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
      throw new InvalidConfigurationException(
          (file == null ? "configuration" : file.toString()) + ": " + problem(e), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * What is wrong, in one line that starts with the field: the checks of the configuration classes
   * name their field already; Jackson's and the validator's problems get their path in front.
   */
  static String problem(ConfigurationException e) {
    if (e instanceof ConfigurationValidationException v && !v.getConstraintViolations().isEmpty()) {
      return v.getConstraintViolations().stream()
          .map(c -> c.getPropertyPath() + " " + c.getMessage())
          .sorted()
          .collect(Collectors.joining("; "));
    }
    Throwable root = e;
    JsonProcessingException jackson = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (jackson == null && t instanceof JsonProcessingException j) {
        jackson = j;
      }
      root = t;
    }
    String path = jackson instanceof JsonMappingException m ? Fields.path(m) : "";
    String problem;
    if (jackson == null) {
      problem = root.getMessage();
    } else if (root != jackson && root instanceof IllegalArgumentException) {
      // Thrown by a configuration class's constructor, which names the field itself.
      problem = root.getMessage();
    } else if (jackson instanceof UnrecognizedPropertyException) {
      problem = "unknown field";
    } else if (jackson instanceof JsonMappingException) {
      problem = jackson.getOriginalMessage();
    } else {
      JsonLocation at = jackson.getLocation();
      problem =
          (at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
              + jackson.getOriginalMessage();
    }
    problem = oneLine(problem == null ? e.getClass().getSimpleName() : problem);
    boolean named =
        path.isEmpty()
            || problem.startsWith(path + ":")
            || problem.startsWith(path + ".")
            || problem.startsWith(path + " ");
    return named ? problem : path + ": " + problem;
  }

  private static String oneLine(String text) {
    // Jackson appends " at [Source: ...]" and YAML a snippet with a caret on further lines.
    String first = text.strip().lines().findFirst().orElse("");
    return first.replaceAll("\\s+", " ");
  }
}
