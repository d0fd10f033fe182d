package dev.pgwake.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.List;

/**
 * RowDescription ('T'): the columns of the rows that follow. Per field: name, table OID and column number
 * (0 and 0: not a table column), type OID, type size, type modifier and format code (0, text).
 */
public record RowDescription(List<Field> fields) {
    public static final byte TYPE = 'T';
    /** pg_type.oid of {@code text}. */
    public static final int TEXT_OID = 25;
    /** pg_type.typlen of variable-length types such as {@code text}. */
    public static final short VARIABLE_LENGTH = -1;
    private static final int NO_TYPE_MODIFIER = -1;
    private static final short TEXT_FORMAT = 0;
    /** Table OID (4), column number (2), type OID (4), size (2), modifier (4), format (2) after the name. */
    private static final int FIELD_FIXED_LENGTH = 4 + 2 + 4 + 2 + 4 + 2;

    /** One column: its name, type OID and type size. */
    public record Field(String name, int typeOid, short typeSize) {
        public static Field text(String name) {
            return new Field(name, TEXT_OID, VARIABLE_LENGTH);
        }
    }

    public RowDescription {
        fields = List.copyOf(fields);
    }

    /** Columns that are all of type text. */
    public static RowDescription text(List<String> names) {
        return new RowDescription(names.stream().map(Field::text).toList());
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        int length = 2;
        for (Field field : fields) {
            length += CString.encodedLength(field.name()) + FIELD_FIXED_LENGTH;
        }
        ByteBuf out = TypedMessage.start(alloc, 'T', length);
        out.writeShort(fields.size());
        for (Field field : fields) {
            CString.write(out, field.name());
            out.writeInt(0).writeShort(0);
            out.writeInt(field.typeOid()).writeShort(field.typeSize()).writeInt(NO_TYPE_MODIFIER).writeShort(TEXT_FORMAT);
        }
        return TypedMessage.finish(out);
    }
}
