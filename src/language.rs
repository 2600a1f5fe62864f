//! The public language type: an ISO 639-3 code with a name.

use std::fmt;

/// A natural language, identified by its ISO 639-3 code (`"eng"`, `"deu"`, `"rus"` …).
///
/// Returned by [`Cleaned::language`](crate::Cleaned::language) and carried by
/// [`Reason::ForeignLanguage`](crate::Reason::ForeignLanguage).
///
/// ```
/// use deboiler::Language;
///
/// let de = Language::from_code("deu").unwrap();
/// assert_eq!(de.code(), "deu");
/// assert_eq!(de.name(), "German");
/// assert_eq!(Language::from_code("de"), Some(de));
/// assert_eq!(Language::from_code("xx"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Language(pub(crate) whatlang::Lang);

impl Language {
    /// The language for an ISO 639-3 code (`"eng"`) or an ISO 639-1 code (`"en"`),
    /// ASCII case-insensitive; `None` when deboiler does not know it. The macrolanguage codes
    /// `"zho"`, `"fas"` and `"nor"` name the language deboiler knows in each (`"cmn"`,
    /// `"pes"`, `"nob"`), as `"zh"`, `"fa"` and `"no"` do.
    ///
    /// ```
    /// assert_eq!(deboiler::Language::from_code("zho").unwrap().code(), "cmn");
    /// ```
    pub fn from_code(code: &str) -> Option<Language> {
        const MACROLANGUAGES: &[(&str, &str)] = &[("zho", "cmn"), ("fas", "pes"), ("nor", "nob")];
        let code = code.trim().to_ascii_lowercase();
        let code = MACROLANGUAGES
            .iter()
            .find(|(m, _)| *m == code)
            .map_or(code.clone(), |(_, individual)| individual.to_string());
        if let Some(lang) = whatlang::Lang::from_code(code.as_str()) {
            return Some(Language(lang));
        }
        crate::lang::ISO_639_1
            .iter()
            .find(|(_, two)| *two == code)
            .map(|&(lang, _)| Language(lang))
    }

    /// The ISO 639-3 code, such as `"eng"`.
    pub fn code(&self) -> &'static str {
        self.0.code()
    }

    /// The ISO 639-1 code, such as `"en"`, where the language has one.
    ///
    /// ```
    /// assert_eq!(deboiler::Language::from_code("rus").unwrap().iso639_1(), Some("ru"));
    /// ```
    pub fn iso639_1(&self) -> Option<&'static str> {
        crate::lang::ISO_639_1
            .iter()
            .find(|(lang, _)| *lang == self.0)
            .map(|&(_, two)| two)
    }

    /// The English name, such as `"English"`.
    pub fn name(&self) -> &'static str {
        self.0.eng_name()
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
