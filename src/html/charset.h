// Charset handling for web pages: finds the encoding a page's bytes are in (byte order mark,
// else a <meta> charset declaration near the top, else UTF-8) and converts them to UTF-8.
// Thread safety: pure functions; each call opens its own ICU converter.
#ifndef WHIPCOUNT_HTML_CHARSET_H_
#define WHIPCOUNT_HTML_CHARSET_H_

#include <string>
#include <string_view>

#include "whipcount/status.h"

namespace whipcount::html {

// The charset label a page declares: a UTF-8/UTF-16 byte order mark wins, then the first
// <meta charset=...> or <meta http-equiv="Content-Type" content="...; charset=..."> within the
// first 16 KiB (a <?xml encoding=...?> prologue counts too). Returns the label lower-cased, as
// written ("utf-8", "windows-1252", "shift_jis"), or "" when the page says nothing.
std::string SniffCharset(std::string_view bytes);

// Converts `bytes` to UTF-8 into *out (replacing its contents) and sets *charset to the charset
// used (lower-cased; "utf-8" when nothing was declared). A BOM is dropped. Pages declared or
// presumed UTF-8 keep valid UTF-8 as is; their invalid bytes become U+FFFD, except that an
// undeclared page that is not valid UTF-8 is read as windows-1252, the usual legacy encoding.
// Labels the WHATWG Encoding Standard maps to windows-1252 (iso-8859-1, us-ascii, latin1) use
// it. A label ICU does not know counts as none. Returns InvalidInput only when ICU fails on
// the bytes or they exceed 512 MiB; the caller's message adds the source.
Status DecodeToUtf8(std::string_view bytes, std::string* out, std::string* charset);

}  // namespace whipcount::html

#endif  // WHIPCOUNT_HTML_CHARSET_H_
