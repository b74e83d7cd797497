package org.cosmoemu.api;

/**
 * Makes text safe to put in an error message: text that comes from a file (a key of a model file, a header,
 * a column name) may hold arbitrary bytes. Every {@link CosmoEmuException} passes its message through
 * {@link #printable}, so no message carries control characters or undecodable bytes; code that quotes text
 * from a file also bounds its length with {@link #quote}.
 */
public final class MessageText {
    /** Messages longer than this keep their beginning and end, with the middle elided. */
    public static final int MAX_MESSAGE_CHARS = 4000;

    private MessageText() {
    }

    /**
     * Escapes what is not printable text: ISO control characters other than newline and tab become
     * {@code \xNN}, and U+FFFD (the decoder's mark for bytes that are not text), unpaired surrogates,
     * unassigned, private-use and format code points become {@code \}{@code uXXXX}. Text longer than
     * {@link #MAX_MESSAGE_CHARS} keeps its first and last parts. Printable text, including non-ASCII letters
     * and symbols such as {@code µK²} and {@code ℓ}, is unchanged.
     *
     * @param text any text, or {@code null}
     * @return the printable form ({@code null} for {@code null})
     */
    public static String printable(CharSequence text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            String esc = escape(text, i, c);
            if (esc == null) {
                if (sb != null) {
                    sb.append(c);
                }
                continue;
            }
            if (sb == null) {
                sb = new StringBuilder(n + 16);
                sb.append(text, 0, i);
            }
            if (esc.isEmpty()) { // a valid surrogate pair: keep both halves
                sb.append(c).append(text.charAt(++i));
            } else {
                sb.append(esc);
            }
        }
        String s = sb == null ? text.toString() : sb.toString();
        if (s.length() > MAX_MESSAGE_CHARS) {
            int keep = MAX_MESSAGE_CHARS / 2 - 40;
            s = s.substring(0, keep) + " ... (" + (s.length() - 2 * keep) + " characters omitted) ... "
                    + s.substring(s.length() - keep);
        }
        return s;
    }

    /**
     * Quotes text from a file for a message: {@link #printable} and at most {@code maxChars} characters
     * (longer text is cut and marked with {@code ...}), between single quotes.
     *
     * @param text     the text (may be {@code null}, quoted as {@code None})
     * @param maxChars the most characters kept, ≥ 8
     * @return e.g. {@code 'omega_b'}
     */
    public static String quote(CharSequence text, int maxChars) {
        if (text == null) {
            return "None";
        }
        int max = Math.max(8, maxChars);
        CharSequence t = text.length() > max ? text.subSequence(0, max) : text;
        String p = printable(t);
        return "'" + p + (text.length() > max ? "...' (" + text.length() + " characters)" : "'");
    }

    /** @return null when c prints as itself, "" for the first half of a valid surrogate pair, else its escape */
    private static String escape(CharSequence text, int i, char c) {
        if (c == '\n' || c == '\t') {
            return null;
        }
        if (Character.isISOControl(c)) {
            return String.format("\\x%02x", (int) c);
        }
        if (Character.isHighSurrogate(c)) {
            if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(i + 1));
                return printableType(Character.getType(cp)) ? "" : String.format("\\u%04x\\u%04x", (int) c,
                        (int) text.charAt(i + 1));
            }
            return String.format("\\u%04x", (int) c);
        }
        if (Character.isLowSurrogate(c) || c == '\uFFFD' || !printableType(Character.getType(c))) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }

    private static boolean printableType(int type) {
        return type != Character.UNASSIGNED && type != Character.PRIVATE_USE && type != Character.FORMAT
                && type != Character.SURROGATE && type != Character.CONTROL;
    }
}
