//! Normalising kept paragraphs: repair what broke on the way from the page, change nothing
//! else.
//!
//! In order: citation markers are cut (their spans are reported), leftover HTML character
//! references are decoded, mojibake (UTF-8 read as Windows-1252 or Latin-1) is repaired,
//! invisible and control characters are removed, Unicode spaces become plain spaces and
//! runs collapse, and the text is put in NFC (or NFKC). The lines of a hard-wrapped paragraph
//! (one block of several lines: the segmenter groups them) are joined by [`join_lines`].
//!
//! Paragraphs that need nothing are borrowed, not copied.

use std::borrow::Cow;

use crate::words::{self, simd};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick, is_nfkc_quick};

/// Normaliser options.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// Remove citation and edit markers such as `[11]` and `[citation needed]`.
    pub citations: bool,
    /// Repair UTF-8 decoded as Windows-1252 or Latin-1 (`â€™` → `’`).
    pub mojibake: bool,
    /// Decode well-formed HTML character references (`&amp;`, `&#39;`, `&#x2014;`).
    pub entities: bool,
    /// Remove zero-width spaces, BOMs, soft hyphens, word joiners and stray zero-width
    /// joiners.
    pub invisible: bool,
    /// Remove C0 (but newline) and C1 control characters; a tab becomes a space.
    pub controls: bool,
    /// Remove C0 controls but tab and newline, and DEL (a first pass, before decoding).
    pub c0_controls: bool,
    /// Unicode spaces become plain spaces, runs collapse, the paragraph is trimmed.
    pub spaces: bool,
    /// NFKC instead of NFC.
    pub nfkc: bool,
    /// Curly quotes and dashes become ASCII.
    pub ascii_punctuation: bool,
    /// Join the lines of hard-wrapped paragraphs.
    pub unwrap: bool,
    /// When joining, undo end-of-line hyphenation between two lowercase word parts.
    pub dehyphenate: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            citations: true,
            mojibake: true,
            entities: true,
            invisible: true,
            controls: true,
            c0_controls: false,
            spaces: true,
            nfkc: false,
            ascii_punctuation: false,
            unwrap: true,
            dehyphenate: false,
        }
    }
}

/// Normalises one paragraph. `cuts` receives the spans (relative to `text`) of citation
/// markers removed, each with the whitespace before it.
pub(crate) fn paragraph<'h>(
    text: &'h str,
    opts: &Options,
    cuts: &mut Vec<std::ops::Range<usize>>,
) -> Cow<'h, str> {
    let plain = plainness(text.as_bytes(), opts);
    match plain {
        Plainness::Plain => return Cow::Borrowed(text),
        // Typographic quotes and dashes, accented letters: only those characters need a look.
        Plainness::ButNonAscii if !non_ascii_needs_work(text, opts) => {
            return Cow::Borrowed(text);
        }
        _ => {}
    }
    // Past here, a text plain but for its non-ASCII characters has work to do (just checked)
    // and no citation marker (a `[` is not plain where citations are looked for): the
    // searches are for the others.
    let other = plain == Plainness::Other;
    let first_cut = cuts.len();
    if opts.citations && other {
        find_citations(text, cuts);
    }
    let has_cuts = cuts.len() > first_cut;
    if !has_cuts && other && !needs_work(text, opts) {
        return Cow::Borrowed(text);
    }
    let mut s: Cow<'h, str> = if has_cuts {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for cut in &cuts[first_cut..] {
            out.push_str(&text[at..cut.start]);
            at = cut.end;
        }
        out.push_str(&text[at..]);
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    };
    // A hard-wrapped paragraph (one block of several lines) becomes one line. A lone `\r`
    // ends a line too, as in the segmenter (`str::lines` would leave it inside).
    if s.contains(['\n', '\r']) {
        s = Cow::Owned(join_lines(
            s.split(['\n', '\r']).map(|l| Cow::Borrowed(l.trim())),
            opts,
        ));
    }
    // Invisible characters and C0 controls first, so that a zero-width space inside `&amp;`
    // or `Ã©` does not hide it (C1 controls and spaces wait: `â€\u{9d}` and `Â\u{a0}` are
    // mojibake).

    if opts.invisible && (opts.entities || opts.mojibake) {
        let only_invisible = Options {
            controls: false,
            c0_controls: opts.controls,
            spaces: false,
            ascii_punctuation: false,
            ..opts.clone()
        };
        s = chars(s, &only_invisible);
    }
    if opts.entities {
        // Until nothing changes, so that `&amp;quot;` comes out as `"` and a second pass
        // finds nothing to do.
        for _ in 0..4 {
            match decode_entities(&s) {
                Some(d) => {
                    s = Cow::Owned(d);
                }
                None => break,
            }
        }
    }
    if opts.mojibake {
        // On composed text, so that a second pass over the output finds the same runs.
        if !s.is_ascii() && !opts.nfkc && is_nfc_quick(s.chars()) != IsNormalized::Yes {
            s = Cow::Owned(s.nfc().collect());
        }
        // Twice-encoded text (`Ã¢â‚¬â„¢`) takes two rounds.
        for _ in 0..3 {
            match repair_mojibake(&s) {
                Some(d) => {
                    s = Cow::Owned(d);
                }
                None => break,
            }
        }
    }

    s = chars(s, opts);
    if !surely_normalized(&s, opts.nfkc) {
        s = Cow::Owned(if opts.nfkc {
            s.nfkc().collect()
        } else {
            s.nfc().collect()
        });
        if opts.nfkc {
            // Compatibility forms can be spaces (U+2002) or curly punctuation.
            s = chars(s, opts);
        }
    }
    if s == text { Cow::Borrowed(text) } else { s }
}

/// What [`plainness`] finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Plainness {
    /// ASCII without anything any option could change or cut.
    Plain,
    /// The same but for characters that are not ASCII.
    ButNonAscii,
    /// Anything else.
    Other,
}

/// Whether the text is ASCII without anything any option could change or cut: no control
/// byte (line breaks and tabs included), and, where the options look for them, no `&`, no
/// `[` and no double space; or would be but for its non-ASCII characters. Sixteen bytes at a
/// time, stopping at the first ASCII byte that is not plain; most paragraphs are such text,
/// and the separate searches [`needs_work`] and the citation finder make cost more for them.
fn plainness(bytes: &[u8], opts: &Options) -> Plainness {
    // A byte of 0 is a control byte anyway: it stands for a character not looked for.
    let amp = if opts.entities { b'&' } else { 0 };
    let bracket = if opts.citations { b'[' } else { 0 };
    // Whether the byte before the sixteen was a space.
    let mut space_before = 0u16;
    let mut any_high = 0u16;
    let mut at = 0;
    while at < bytes.len() {
        let (lo, hi) = simd::sixteen(bytes, at);
        let (bad, space, high) = simd::unplain(lo, hi, amp, bracket);
        // The zeros past the end are no bytes of the text.
        let left = bytes.len() - at;
        let own = if left >= 16 {
            u16::MAX
        } else {
            (1 << left) - 1
        };
        let double_space = if opts.spaces {
            space & (space << 1 | space_before)
        } else {
            0
        };
        if (bad & !high | double_space) & own != 0 {
            return Plainness::Other;
        }
        any_high |= high & own;
        space_before = space >> 15;
        at += 16;
    }
    if any_high == 0 {
        Plainness::Plain
    } else {
        Plainness::ButNonAscii
    }
}

/// Whether any rule could change `text` (citations aside). False positives only cost time.
fn needs_work(text: &str, opts: &Options) -> bool {
    let bytes = text.as_bytes();
    if memchr::memchr2(b'\n', b'\r', bytes).is_some()
        || (opts.entities && memchr::memchr(b'&', bytes).is_some())
    {
        return true;
    }
    // Two vectorisable scans over the bytes: double spaces, and ASCII controls (tabs
    // included, which the space rule turns into spaces).
    // The searcher built once: building one per paragraph cost as much as the search.
    static DOUBLE_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    if opts.spaces && DOUBLE_SPACE.find(bytes).is_some() {
        return true;
    }
    let control = || {
        bytes
            .iter()
            .fold(false, |any, &b| any | (b < 0x20) | (b == 0x7f))
    };
    if (opts.controls || opts.spaces) && control() {
        return true;
    }
    non_ascii_needs_work(text, opts)
}

/// Whether any rule could change the text's non-ASCII characters: the half of [`needs_work`]
/// that decodes them, in one pass with the normalisation quick check.
fn non_ascii_needs_work(text: &str, opts: &Options) -> bool {
    let mut work = false;
    let mut lead_end = usize::MAX;
    let chars = words::non_ascii_chars(text).map(|(at, c)| {
        work |= (opts.invisible && is_invisible(c))
            || (opts.controls && c.is_control())
            || (opts.spaces && c.is_whitespace())
            || (opts.ascii_punctuation && ascii_for(c).is_some())
            // Mojibake: a lead character right before one that was a Windows-1252 byte.
            || (opts.mojibake && lead_end == at && cp1252_byte(c).is_some());
        lead_end = if ('\u{c2}'..='\u{f4}').contains(&c) {
            at + c.len_utf8()
        } else {
            usize::MAX
        };
        c
    });
    // The quick check reads every character unless it finds one that is not normalised.
    let quick = if opts.nfkc {
        is_nfkc_quick(chars)
    } else {
        is_nfc_quick(chars)
    };
    work || quick != IsNormalized::Yes
}

/// Whether the quick check says the text is in NFC (NFKC with `nfkc`) for sure. It reads the
/// non-ASCII characters only: ASCII is composed and has combining class 0, so leaving it out
/// can only bring two marks side by side and turn a yes into a maybe (composing text that
/// is already composed then changes nothing).
fn surely_normalized(text: &str, nfkc: bool) -> bool {
    let non_ascii = words::non_ascii_chars(text).map(|(_, c)| c);
    let quick = if nfkc {
        is_nfkc_quick(non_ascii)
    } else {
        is_nfc_quick(non_ascii)
    };
    quick == IsNormalized::Yes
}

/// Invisible characters removed everywhere: zero-width space, BOM, soft hyphen, word joiner.
/// The zero-width joiner is handled apart (it is kept inside emoji sequences).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{feff}' | '\u{ad}' | '\u{2060}' | '\u{200d}'
    )
}

/// Pictographs that zero-width joiners combine into one emoji.
fn is_pictograph(c: char) -> bool {
    matches!(c as u32,
        0x1f000..=0x1faff | 0x2600..=0x27bf | 0x2300..=0x23ff | 0x2b00..=0x2bff)
}

/// Emoji modifiers that may stand between a pictograph and a joiner.
fn is_emoji_modifier(c: char) -> bool {
    matches!(c as u32, 0xfe0f | 0x1f3fb..=0x1f3ff | 0xe0020..=0xe007f)
}

/// The ASCII stand-in for a curly quote or a dash.
fn ascii_for(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' => Some('\''),
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' => Some('"'),
        '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' => Some('-'),
        _ => None,
    }
}

/// The character-level rules: invisible and control characters, spaces, ASCII punctuation.
fn chars<'a>(s: Cow<'a, str>, opts: &Options) -> Cow<'a, str> {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if opts.invisible && is_invisible(c) {
            if c == '\u{200d}' {
                let before = out.chars().rev().find(|&p| !is_emoji_modifier(p));
                let after = it.peek().copied();
                if before.is_some_and(is_pictograph) && after.is_some_and(is_pictograph) {
                    out.push(c);
                }
            }
            continue;
        }
        let c = if c == '\t' && opts.controls { ' ' } else { c };
        if opts.controls && c.is_control() && c != '\n' {
            continue;
        }
        if opts.c0_controls && (c < ' ' || c == '\u{7f}') && c != '\t' && c != '\n' {
            continue;
        }
        if opts.spaces && c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        match ascii_for(c) {
            Some(a) if opts.ascii_punctuation => out.push(a),
            _ => out.push(c),
        }
    }
    if opts.spaces {
        let len = out.trim_end_matches(' ').len();
        out.truncate(len);
    }
    if out == *s { s } else { Cow::Owned(out) }
}

/// Decodes well-formed character references: `&name;` from the HTML5 table, `&#123;` and
/// `&#x7B;`. Numeric references to 0x80–0x9F mean Windows-1252, as HTML5 says. `None` when
/// nothing was decoded.
fn decode_entities(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out: Option<String> = None;
    let mut at = 0;
    for amp in memchr::memchr_iter(b'&', bytes) {
        if amp < at {
            continue;
        }
        let Some((len, decoded)) = reference_at(&bytes[amp..]) else {
            continue;
        };
        let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
        o.push_str(&s[at..amp]);
        o.push_str(&decoded);
        at = amp + len;
    }
    let mut o = out?;
    o.push_str(&s[at..]);
    Some(o)
}

/// The reference at the start of `b` (which starts with `&`): its length and expansion.
fn reference_at(b: &[u8]) -> Option<(usize, Cow<'static, str>)> {
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let start = if hex { 3 } else { 2 };
        let digits = b[start..]
            .iter()
            .take(8)
            .take_while(|d| {
                if hex {
                    d.is_ascii_hexdigit()
                } else {
                    d.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 || digits > if hex { 6 } else { 7 } || b.get(start + digits) != Some(&b';') {
            return None;
        }
        let text = std::str::from_utf8(&b[start..start + digits]).ok()?;
        let value = u32::from_str_radix(text, if hex { 16 } else { 10 }).ok()?;
        let c = match value {
            0x80..=0x9f => cp1252_char(value as u8)?,
            0 => return None,
            v => char::from_u32(v)?,
        };
        return Some((start + digits + 1, Cow::Owned(c.to_string())));
    }
    let name = b[1..]
        .iter()
        .take(33)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if name == 0 || name > 32 || b.get(1 + name) != Some(&b';') {
        return None;
    }
    let expansion = htmlize::ENTITIES.get(&b[..name + 2])?;
    let expansion = std::str::from_utf8(expansion).ok()?;
    Some((name + 2, Cow::Borrowed(expansion)))
}

/// Windows-1252's characters for the bytes 0x80–0x9F (`None` where it has none).
const CP1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

fn cp1252_char(b: u8) -> Option<char> {
    CP1252_HIGH[(b - 0x80) as usize]
}

/// The byte a non-ASCII character came from if the page's UTF-8 was decoded as
/// Windows-1252, or as Latin-1 (which keeps 0x80–0x9F as C1 controls, the `â€\u{9d}` form).
fn cp1252_byte(c: char) -> Option<u8> {
    match c as u32 {
        v @ 0x80..=0xff => Some(v as u8),
        _ => CP1252_HIGH
            .iter()
            .position(|&h| h == Some(c))
            .map(|i| 0x80 + i as u8),
    }
}

/// Whether a character decoded from a mojibake sequence of `len` bytes is a usual one:
/// letters of the scripts whose UTF-8 is two bytes, punctuation and symbols, CJK and
/// emoji, but no controls and no private use. `alone` is a three-byte sequence with no
/// other one right before or after it: it must decode to punctuation or a symbol (`’`, `€`,
/// `™`), since one CJK character between Latin letters is more likely real text (`é\u{85}£`).
fn plausible(c: char, len: usize, alone: bool) -> bool {
    let v = c as u32;
    match len {
        2 => matches!(v,
            0xa0..=0x17f | 0x300..=0x36f | 0x386..=0x3ce | 0x400..=0x52f | 0x5d0..=0x5ea
            | 0x600..=0x6ff),
        3 if alone => matches!(v, 0x2000..=0x2bff | 0xfeff),
        3 => !matches!(v, 0xe000..=0xf8ff | 0xfff0..=0xffff),
        _ => (0x10000..0xf0000).contains(&v),
    }
}

/// The UTF-8 sequence whose bytes the characters at the start of `it` are, read as
/// Windows-1252 or Latin-1: the character, its byte length, the end of the run in the
/// string, and the iterator after it.
fn sequence_at<'a>(
    mut it: std::str::CharIndices<'a>,
) -> Option<(char, usize, usize, std::str::CharIndices<'a>)> {
    let (i, c) = it.next()?;
    let len = match c {
        '\u{c2}'..='\u{df}' => 2,
        '\u{e0}'..='\u{ef}' => 3,
        '\u{f0}'..='\u{f4}' => 4,
        _ => return None,
    };
    let mut buf = [c as u8, 0, 0, 0];
    let mut end = i + c.len_utf8();
    for slot in buf.iter_mut().take(len).skip(1) {
        let (j, d) = it.next()?;
        match cp1252_byte(d)? {
            b @ 0x80..=0xbf => *slot = b,
            _ => return None,
        }
        end = j + d.len_utf8();
    }
    let decoded = std::str::from_utf8(&buf[..len]).ok()?;
    Some((decoded.chars().next()?, len, end, it))
}

/// Repairs runs of characters that are UTF-8 bytes read one by one as Windows-1252 or
/// Latin-1, where the bytes form valid UTF-8 and the character they make is a usual one.
/// Anything else, such as a real `Ã` next to ordinary letters, stays. `None` when nothing
/// was repaired.
fn repair_mojibake(s: &str) -> Option<String> {
    let mut out: Option<String> = None;
    let mut at = 0;
    let mut last_three_end = usize::MAX;
    let mut it = s.char_indices();
    loop {
        let here = it.clone();
        let Some((i, _)) = it.next() else { break };
        let Some((d, len, end, rest)) = sequence_at(here) else {
            continue;
        };
        let alone = len == 3
            && last_three_end != i
            && sequence_at(rest.clone()).is_none_or(|(_, l, _, _)| l != 3);
        if !plausible(d, len, alone) {
            continue;
        }
        if len == 3 {
            last_three_end = end;
        }
        let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
        o.push_str(&s[at..i]);
        o.push(d);
        at = end;
        it = rest;
    }
    let mut o = out?;
    o.push_str(&s[at..]);
    Some(o)
}

/// Joins normalised lines of a hard-wrapped paragraph with spaces. A line ending in
/// `letter-` before a line starting with a letter is joined without a space; with
/// `dehyphenate`, between two lowercase letters, without the hyphen too.
pub(crate) fn join_lines<'a>(
    lines: impl IntoIterator<Item = Cow<'a, str>>,
    opts: &Options,
) -> String {
    let mut out = String::new();
    for line in lines {
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            let before_hyphen = out.strip_suffix('-').and_then(|o| o.chars().next_back());
            let next = line.chars().next();
            if before_hyphen.is_some_and(char::is_alphabetic)
                && next.is_some_and(char::is_alphabetic)
            {
                // `well-` + `known`: the hyphen stays and no space comes in; with
                // `dehyphenate`, `inter-` + `national` between lowercase parts loses it.
                if opts.dehyphenate
                    && before_hyphen.is_some_and(char::is_lowercase)
                    && next.is_some_and(char::is_lowercase)
                {
                    out.pop();
                }
            } else {
                out.push(' ');
            }
        }
        out.push_str(&line);
    }
    out
}

/// Finds `[12]`, `[a]` (attached to a word), `[citation needed]` and `[edit]`.
fn find_citations(text: &str, cuts: &mut Vec<std::ops::Range<usize>>) {
    let bytes = text.as_bytes();
    for open in memchr::memchr_iter(b'[', bytes) {
        let Some(len) = bytes[open..].iter().take(20).position(|&b| b == b']') else {
            continue;
        };
        let inner = &text[open + 1..open + len];
        let close = open + len + 1;
        let attached = open > 0 && !bytes[open - 1].is_ascii_whitespace();
        let is_marker =
            (!inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit()))
                || (attached && inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_lowercase()))
                || inner.eq_ignore_ascii_case("citation needed")
                || inner.eq_ignore_ascii_case("edit");
        if !is_marker {
            continue;
        }
        // `a[1]` followed by more identifier characters reads as code, not a citation.
        if attached
            && bytes[open - 1].is_ascii_alphanumeric()
            && bytes
                .get(close)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'=')
        {
            continue;
        }
        let start = text[..open].trim_end().len();
        cuts.push(start..close);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass check turns away every text with something to change or cut, wherever in
    /// the sixteen-byte steps it is (a double space across two steps too), and lets through
    /// ASCII prose.
    #[test]
    fn plain_text_is_told_apart_in_one_pass() {
        let opts = Options::default();
        let base = "The council voted on Tuesday to keep the library open.";
        let is_plain = |text: &[u8], opts: &Options| plainness(text, opts) == Plainness::Plain;
        assert!(is_plain(base.as_bytes(), &opts));
        assert!(is_plain(b"", &opts));
        for at in 0..=base.len() {
            for insert in ["\n", "\r", "\t", "\u{7f}", "&", "[", "  ", "é", "\u{200b}"] {
                let text = format!("{}{insert}{}", &base[..at], &base[at..]);
                let expected = if insert.is_ascii() {
                    Plainness::Other
                } else {
                    Plainness::ButNonAscii
                };
                assert_eq!(plainness(text.as_bytes(), &opts), expected, "{text:?}");
                // With both, the ASCII one decides.
                let text = format!("é{text}");
                assert_eq!(plainness(text.as_bytes(), &opts), expected, "{text:?}");
            }
        }
        // Where only non-ASCII characters are left to look at, their half of the check
        // answers as the whole does.
        for text in [
            "“Quoted,” she said — and left.",
            "café",
            "cafe\u{301}",
            "zero\u{200b}width",
            "10\u{a0}km",
            "The cafÃ©",
            "ﬁne",
        ] {
            assert_eq!(plainness(text.as_bytes(), &opts), Plainness::ButNonAscii);
            for opts in [
                opts.clone(),
                Options {
                    nfkc: true,
                    ..opts.clone()
                },
            ] {
                assert_eq!(
                    non_ascii_needs_work(text, &opts),
                    needs_work(text, &opts),
                    "{text:?}"
                );
            }
        }
        // What the options do not look for does not count.
        let lax = Options {
            entities: false,
            citations: false,
            spaces: false,
            ..Options::default()
        };
        assert!(is_plain(b"AT&T [1] two  spaces", &lax));
        // Where it says plain, the full path changes and cuts nothing.
        for text in [base, "a b", "x", "Ends with a space ", " starts with one"] {
            assert!(is_plain(text.as_bytes(), &opts));
            let mut cuts = Vec::new();
            assert!(
                find_citations_and_work(text, &opts, &mut cuts).is_none(),
                "{text:?}"
            );
        }
    }

    /// The full path of [`paragraph`], without the one-pass check: `Some` if it changes or cuts
    /// anything.
    fn find_citations_and_work(
        text: &str,
        opts: &Options,
        cuts: &mut Vec<std::ops::Range<usize>>,
    ) -> Option<()> {
        if opts.citations {
            find_citations(text, cuts);
        }
        (!cuts.is_empty() || needs_work(text, opts)).then_some(())
    }

    fn norm_with(text: &str, opts: &Options) -> (String, usize) {
        let mut cuts = Vec::new();
        let out = paragraph(text, opts, &mut cuts);
        (out.into_owned(), cuts.len())
    }

    fn norm(text: &str) -> (String, usize) {
        norm_with(text, &Options::default())
    }

    /// Runs a table of (name, input, expected) through the default options.
    fn check(cases: &[(&str, &str, &str)]) {
        for (name, input, want) in cases {
            assert_eq!(norm(input).0, *want, "case {name}");
        }
    }

    #[test]
    fn citations() {
        let cases = [
            ("clean", "A plain sentence.", "A plain sentence.", 0),
            ("citation", "assistance.[11]", "assistance.", 1),
            ("citation-mid", "end [4] of it", "end of it", 1),
            ("two-citations", "x.[1][2] Next.", "x. Next.", 2),
            ("letter-note", "word[a] more", "word more", 1),
            ("needed", "claim[citation needed].", "claim.", 1),
            ("edit", "History[edit]", "History", 1),
            ("code-kept", "a[1]=b", "a[1]=b", 0),
            ("long-bracket", "see [this one]", "see [this one]", 0),
        ];
        for (name, input, want, n_cuts) in cases {
            let (got, cuts) = norm(input);
            assert_eq!((got.as_str(), cuts), (want, n_cuts), "case {name}");
        }
    }

    #[test]
    fn mojibake() {
        check(&[
            ("apostrophe", "it\u{e2}\u{20ac}\u{2122}s", "it’s"),
            ("quotes", "â€œHiâ€\u{9d} she said", "“Hi” she said"),
            ("quotes-cp1252-undefined", "â€œHiâ€\u{9d}", "“Hi”"),
            ("e-acute", "cafÃ© au lait", "café au lait"),
            ("eszett", "StraÃŸe", "Straße"),
            ("umlauts", "MÃ¼ller Ã¶ffnet", "Müller öffnet"),
            ("dash", "2010â€“2014", "2010–2014"),
            ("euro", "5 â‚¬", "5 €"),
            ("nbsp", "100Â\u{a0}km", "100 km"),
            ("degree", "20Â°C", "20°C"),
            ("cyrillic", "ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"),
            ("emoji", "ðŸ˜€ yes", "😀 yes"),
            ("cjk-pair", "æ—¥æœ¬ text", "日本 text"),
            ("cjk-alone-kept", "Café\u{85}£5", "Café£5"),
            ("twice", "itÃ¢â‚¬â„¢s", "it’s"),
            ("portuguese-kept", "SÃO PAULO e JOÃO", "SÃO PAULO e JOÃO"),
            ("real-a-tilde-kept", "Ã as a letter", "Ã as a letter"),
            ("accents-kept", "déjà vu «à»", "déjà vu «à»"),
            ("cafe-quote-kept", "“CAFÉ” sign", "“CAFÉ” sign"),
            ("lone-lead-kept", "â€ alone", "â€ alone"),
        ]);
    }

    #[test]
    fn entities() {
        check(&[
            ("amp", "Tom &amp; Jerry", "Tom & Jerry"),
            ("quot", "&quot;Hi&quot;", "\"Hi\""),
            ("mdash", "a&mdash;b", "a—b"),
            ("nbsp", "10&nbsp;km", "10 km"),
            ("decimal", "it&#39;s", "it's"),
            ("hex", "&#x2014;", "—"),
            ("hex-upper", "&#X41;", "A"),
            ("cp1252-numeric", "it&#146;s", "it’s"),
            ("double-escaped", "&amp;quot;x&amp;quot;", "\"x\""),
            (
                "bare-amp-kept",
                "AT&T and R&D & more",
                "AT&T and R&D & more",
            ),
            ("no-semicolon-kept", "&amp and &copy", "&amp and &copy"),
            ("unknown-kept", "&notaname;", "&notaname;"),
            ("nul-kept", "&#0;", "&#0;"),
            ("out-of-range-kept", "&#x110000;", "&#x110000;"),
            ("surrogate-kept", "&#xD800;", "&#xD800;"),
        ]);
    }

    #[test]
    fn invisible() {
        check(&[
            ("zwsp", "zero\u{200b}width", "zerowidth"),
            ("bom", "\u{feff}Start", "Start"),
            ("soft-hyphen", "hyph\u{ad}en", "hyphen"),
            ("word-joiner", "a\u{2060}b", "ab"),
            ("zwj-stray", "a\u{200d}b", "ab"),
            (
                "zwj-emoji",
                "👨\u{200d}👩\u{200d}👧",
                "👨\u{200d}👩\u{200d}👧",
            ),
            ("zwj-emoji-tone", "👩🏽\u{200d}💻 code", "👩🏽\u{200d}💻 code"),
            ("zwj-after-emoji", "👍\u{200d} ok", "👍 ok"),
            ("zwnj-kept", "می\u{200c}خواهم", "می\u{200c}خواهم"),
        ]);
    }

    #[test]
    fn controls() {
        check(&[
            ("tab", "a\tb", "a b"),
            ("nul", "a\u{0}b", "ab"),
            ("bell", "a\u{7}b", "ab"),
            ("del", "a\u{7f}b", "ab"),
            ("c1", "a\u{85}b\u{9f}c", "abc"),
        ]);
    }

    #[test]
    fn spaces() {
        check(&[
            ("runs", "a  b   c", "a b c"),
            ("nbsp", "a\u{a0}b", "a b"),
            ("thin", "10\u{2009}000", "10 000"),
            ("narrow-nbsp", "«\u{202f}oui\u{202f}»", "« oui »"),
            ("ideographic", "a\u{3000}b", "a b"),
            ("trim", "\u{a0}a b\u{2003}", "a b"),
            ("mixed-run", "a \u{a0}\t b", "a b"),
        ]);
    }

    #[test]
    fn unicode_form() {
        check(&[
            ("nfc", "e\u{301}", "é"),
            ("nfc-kept-compat", "ﬁ ²", "ﬁ ²"),
            ("curly-kept", "‘a’ “b” – —", "‘a’ “b” – —"),
        ]);
        let nfkc = Options {
            nfkc: true,
            ..Options::default()
        };
        let ascii = Options {
            ascii_punctuation: true,
            ..Options::default()
        };
        let cases = [
            ("nfkc", &nfkc, "ﬁ ² e\u{301}", "fi 2 é"),
            ("nfkc-space", &nfkc, "a\u{2002}b", "a b"),
            ("ascii", &ascii, "‘a’ “b” – —", "'a' \"b\" - -"),
        ];
        for (name, opts, input, want) in cases {
            assert_eq!(norm_with(input, opts).0, want, "case {name}");
        }
    }

    #[test]
    fn options_off() {
        let off = Options {
            citations: false,
            mojibake: false,
            entities: false,
            invisible: false,
            controls: false,
            spaces: false,
            ..Options::default()
        };
        for input in [
            "a  b",
            "x[1]",
            "&amp;",
            "cafÃ©",
            "a\u{200b}b",
            "a\u{7}b",
            "a\u{a0}b",
        ] {
            assert_eq!(norm_with(input, &off).0, input, "{input:?}");
        }
    }

    #[test]
    fn borrows_when_clean() {
        let opts = Options::default();
        for input in [
            "Nothing to do here.",
            "AT&T works",
            "déjà vu",
            "Ã as a letter",
        ] {
            let mut cuts = Vec::new();
            assert!(
                matches!(paragraph(input, &opts, &mut cuts), Cow::Borrowed(_)),
                "{input:?}"
            );
        }
    }

    #[test]
    fn joining() {
        let on = Options {
            dehyphenate: true,
            ..Options::default()
        };
        let cases = [
            ("plain", &Options::default(), &["a b", "c"][..], "a b c"),
            (
                "hyphen-kept",
                &Options::default(),
                &["well-", "known"][..],
                "well-known",
            ),
            ("dash-spaced", &on, &["a -", "b"][..], "a - b"),
            (
                "dehyphenate",
                &on,
                &["inter-", "national"][..],
                "international",
            ),
            ("capital-kept", &on, &["Anglo-", "Saxon"][..], "Anglo-Saxon"),
            ("empty-skipped", &on, &["a", "", "b"][..], "a b"),
        ];
        for (name, opts, lines, want) in cases {
            let got = join_lines(lines.iter().map(|l| Cow::Borrowed(*l)), opts);
            assert_eq!(got, want, "case {name}");
        }
    }
}

/// The mojibake repairs the normaliser makes on the dev corpus, which is clean text: every
/// one printed is suspect. `cargo test --release --lib mojibake_audit -- --ignored
/// --nocapture`.
#[cfg(test)]
mod audit {
    #[test]
    #[ignore = "reads ../shared/corpus"]
    fn mojibake_audit() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        let mut count = 0;
        let mut files = 0;
        for dir in std::fs::read_dir(&root).unwrap().flatten() {
            for f in std::fs::read_dir(dir.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let name = f.file_name().to_string_lossy().to_string();
                if !name.ends_with(".txt") || name.ends_with(".gold.txt") {
                    continue;
                }
                files += 1;
                let text = std::fs::read_to_string(f.path()).unwrap_or_default();
                for line in text.lines() {
                    if let Some(fixed) = super::repair_mojibake(line) {
                        count += 1;
                        println!("{}: {line:?}\n  -> {fixed:?}", f.path().display());
                    }
                }
            }
        }
        println!("{count} lines repaired in {files} files");
    }
}
