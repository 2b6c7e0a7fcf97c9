package dev.microcdi.api;

/** Reads and writes the flat JSON object of {@link MicroException} without a JSON library in {@code api}. */
final class ErrorJson {
    private ErrorJson() {
    }

    static String write(MicroException e) {
        StringBuilder out = new StringBuilder(64 + e.detail().length());
        out.append('{');
        boolean first = field(out, true, "id", e.id());
        if (e.code() != 0) {
            if (!first) {
                out.append(',');
            }
            out.append("\"code\":").append(e.code());
            first = false;
        }
        first = field(out, first, "detail", e.detail());
        field(out, first, "status", e.status());
        return out.append('}').toString();
    }

    private static boolean field(StringBuilder out, boolean first, String name, String value) {
        if (value.isEmpty()) {
            return first;
        }
        if (!first) {
            out.append(',');
        }
        out.append('"').append(name).append("\":");
        quote(out, value);
        return false;
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    static MicroException parse(String text) {
        if (text == null) {
            return new MicroException("", 0, "");
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            try {
                return new Parser(trimmed).object();
            } catch (IllegalArgumentException notJson) {
                // fall through: Go's errors.Parse keeps the whole text as the detail
            }
        }
        return new MicroException("", 0, text, "", null);
    }

    /** A parser for one flat JSON object whose values are strings or integers; other values are skipped. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        MicroException object() {
            String id = "";
            String detail = "";
            String status = null;
            int code = 0;
            expect('{');
            skipSpace();
            if (peek() == '}') {
                pos++;
            } else {
                while (true) {
                    skipSpace();
                    String name = string();
                    skipSpace();
                    expect(':');
                    skipSpace();
                    switch (name) {
                        case "id" -> id = string();
                        case "detail" -> detail = string();
                        case "status" -> status = string();
                        case "code" -> code = integer();
                        default -> skipValue();
                    }
                    skipSpace();
                    char c = next();
                    if (c == '}') {
                        break;
                    }
                    if (c != ',') {
                        throw new IllegalArgumentException("expected , or }");
                    }
                }
            }
            skipSpace();
            if (pos != s.length()) {
                throw new IllegalArgumentException("trailing text");
            }
            return new MicroException(id, code, detail, status, null);
        }

        private void skipValue() {
            char c = peek();
            if (c == '"') {
                string();
            } else {
                while (pos < s.length() && ",}".indexOf(s.charAt(pos)) < 0) {
                    if ("{[".indexOf(s.charAt(pos)) >= 0) {
                        throw new IllegalArgumentException("nested value");
                    }
                    pos++;
                }
            }
        }

        private int integer() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
            try {
                return Integer.parseInt(s.substring(start, pos));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad code", e);
            }
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw new IllegalArgumentException("bad escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw new IllegalArgumentException("bad escape", ex);
                        }
                        pos += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private char peek() {
            if (pos >= s.length()) {
                throw new IllegalArgumentException("unexpected end");
            }
            return s.charAt(pos);
        }

        private char next() {
            char c = peek();
            pos++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw new IllegalArgumentException("expected " + c);
            }
        }
    }
}
