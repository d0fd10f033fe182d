package dev.pgwake.proxy.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the YAML configuration strictly: unknown keys and bad values fail with the key's name. */
public final class ConfigLoader {
    private final ObjectMapper mapper;

    public ConfigLoader() {
        SimpleModule values = new SimpleModule("pgwake-values");
        values.addDeserializer(Duration.class, scalar(DurationValue::parse));
        values.addDeserializer(ByteSize.class, scalar(ByteSize::parse));
        values.addDeserializer(HostPort.class, scalar(HostPort::parse));
        mapper = new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .registerModule(values);
    }

    public ProxyConfig load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
        }
    }

    public ProxyConfig parse(String yaml, String origin) {
        if (yaml.isBlank()) {
            return ProxyConfig.defaults();
        }
        try {
            return mapper.readValue(yaml, ProxyConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(origin + ": unknown key '" + path(e) + "' (known here: " + known + ")");
        } catch (JsonMappingException e) {
            throw new ConfigException(origin + ": bad value for '" + path(e) + "': " + rootMessage(e));
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + ": not valid YAML: " + e.getOriginalMessage());
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof JsonProcessingException jpe) {
            return jpe.getOriginalMessage();
        }
        return cause.getMessage();
    }

    private static <T> JsonDeserializer<T> scalar(Function<String, T> parser) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return parser.apply(p.getValueAsString());
            }
        };
    }
}
