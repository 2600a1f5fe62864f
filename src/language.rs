//! The public language type: an ISO 639-3 code with a name.

use std::fmt;

use whatlang::Lang;

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
        ISO_639_1
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
        ISO_639_1
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

/// ISO 639-3 (as whatlang's `Lang`) to ISO 639-1, for every language whatlang knows.
pub(crate) const ISO_639_1: &[(Lang, &str)] = &[
    (Lang::Afr, "af"),
    (Lang::Aka, "ak"),
    (Lang::Amh, "am"),
    (Lang::Ara, "ar"),
    (Lang::Aze, "az"),
    (Lang::Bel, "be"),
    (Lang::Ben, "bn"),
    (Lang::Bul, "bg"),
    (Lang::Cat, "ca"),
    (Lang::Ces, "cs"),
    (Lang::Cmn, "zh"),
    (Lang::Cym, "cy"),
    (Lang::Dan, "da"),
    (Lang::Deu, "de"),
    (Lang::Ell, "el"),
    (Lang::Eng, "en"),
    (Lang::Epo, "eo"),
    (Lang::Est, "et"),
    (Lang::Fin, "fi"),
    (Lang::Fra, "fr"),
    (Lang::Guj, "gu"),
    (Lang::Heb, "he"),
    (Lang::Hin, "hi"),
    (Lang::Hrv, "hr"),
    (Lang::Hun, "hu"),
    (Lang::Hye, "hy"),
    (Lang::Ind, "id"),
    (Lang::Ita, "it"),
    (Lang::Jav, "jv"),
    (Lang::Jpn, "ja"),
    (Lang::Kan, "kn"),
    (Lang::Kat, "ka"),
    (Lang::Khm, "km"),
    (Lang::Kor, "ko"),
    (Lang::Lat, "la"),
    (Lang::Lav, "lv"),
    (Lang::Lit, "lt"),
    (Lang::Mal, "ml"),
    (Lang::Mar, "mr"),
    (Lang::Mkd, "mk"),
    (Lang::Mya, "my"),
    (Lang::Nep, "ne"),
    (Lang::Nld, "nl"),
    (Lang::Nob, "no"),
    (Lang::Ori, "or"),
    (Lang::Pan, "pa"),
    (Lang::Pes, "fa"),
    (Lang::Pol, "pl"),
    (Lang::Por, "pt"),
    (Lang::Ron, "ro"),
    (Lang::Rus, "ru"),
    (Lang::Sin, "si"),
    (Lang::Slk, "sk"),
    (Lang::Slv, "sl"),
    (Lang::Sna, "sn"),
    (Lang::Spa, "es"),
    (Lang::Srp, "sr"),
    (Lang::Swe, "sv"),
    (Lang::Tam, "ta"),
    (Lang::Tel, "te"),
    (Lang::Tgl, "tl"),
    (Lang::Tha, "th"),
    (Lang::Tuk, "tk"),
    (Lang::Tur, "tr"),
    (Lang::Ukr, "uk"),
    (Lang::Urd, "ur"),
    (Lang::Uzb, "uz"),
    (Lang::Vie, "vi"),
    (Lang::Yid, "yi"),
    (Lang::Zul, "zu"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_whatlang_language_has_a_two_letter_code() {
        for lang in Lang::all() {
            assert!(ISO_639_1.iter().any(|(l, _)| l == lang), "{lang:?}");
        }
    }
}
