package dev.pgwake.proxy.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
        try (JsonParser parser = mapper.createParser(yaml)) {
            JsonToken first = parser.nextToken();
            if (first == null || first == JsonToken.VALUE_NULL) {
                return ProxyConfig.defaults(); // empty, only comments, or an empty document ("---")
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(origin + ": the configuration must be a mapping of keys such as listen: and tls:");
            }
            return mapper.readValue(parser, ProxyConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            throw new ConfigException(origin + ": unknown key '" + path(e) + "' (known here: " + known + ")");
        } catch (JsonMappingException e) {
            String path = path(e);
            // checks across keys fail at the top level, with no path: their messages name the keys themselves
            throw new ConfigException(origin + ": " + (path.isEmpty() ? "" : "bad value for '" + path + "': ")
                    + rootMessage(e));
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(origin + ": cannot read the configuration: " + e.getMessage());
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
                if (!p.currentToken().isScalarValue()) {
                    throw new IllegalArgumentException("expected a single value, not a "
                            + (p.currentToken() == JsonToken.START_ARRAY ? "list" : "section"));
                }
                return parser.apply(p.getValueAsString());
            }
        };
    }
}
