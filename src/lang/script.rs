//! Writing systems: the script of a letter, of a language, and the main one of a block.

use std::sync::OnceLock;

use whatlang::Lang;

/// Writing systems, grouped as far as telling languages apart needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Script {
    /// Also what a text without letters counts as (see `features::dominant_script`).
    #[default]
    Latin = 0,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Devanagari,
    Thai,
    /// Han, Hiragana and Katakana: Chinese and Japanese share the group.
    Cjk,
    Hangul,
    Georgian,
    Armenian,
    Other,
}

/// How many [`Script`] values there are.
pub(crate) const SCRIPTS: usize = 12;

impl Script {
    /// The script of a letter (the caller checks `is_alphabetic`).
    #[inline]
    pub fn of(c: char) -> Script {
        match c as u32 {
            0..=0x24F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => Script::Latin,
            0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
            0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
            0x530..=0x58F => Script::Armenian,
            0x590..=0x5FF | 0xFB1D..=0xFB4F => Script::Hebrew,
            0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
                Script::Arabic
            }
            0x900..=0x97F => Script::Devanagari,
            0xE00..=0xE7F => Script::Thai,
            0x10A0..=0x10FF => Script::Georgian,
            0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
            0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF => Script::Cjk,
            0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x2FFFF => Script::Cjk,
            _ => Script::Other,
        }
    }

    /// The script a language is written in.
    pub fn of_language(lang: Lang) -> Script {
        match lang {
            Lang::Rus | Lang::Ukr | Lang::Bel | Lang::Bul | Lang::Mkd | Lang::Srp => {
                Script::Cyrillic
            }
            Lang::Ell => Script::Greek,
            Lang::Ara | Lang::Pes | Lang::Urd => Script::Arabic,
            Lang::Heb | Lang::Yid => Script::Hebrew,
            Lang::Hin | Lang::Mar | Lang::Nep => Script::Devanagari,
            Lang::Tha => Script::Thai,
            Lang::Cmn | Lang::Jpn => Script::Cjk,
            Lang::Kor => Script::Hangul,
            Lang::Kat => Script::Georgian,
            Lang::Hye => Script::Armenian,
            Lang::Ben
            | Lang::Guj
            | Lang::Pan
            | Lang::Ori
            | Lang::Tam
            | Lang::Tel
            | Lang::Kan
            | Lang::Mal
            | Lang::Sin
            | Lang::Khm
            | Lang::Mya
            | Lang::Amh => Script::Other,
            _ => Script::Latin,
        }
    }

    /// Whether words in this script are separated by spaces.
    pub fn spaced(self) -> bool {
        !matches!(self, Script::Cjk | Script::Thai)
    }
}

/// The script with the most letters in `counts` (letters per script), and its share of all
/// letters. The first of equal counts wins (`max_by_key` would take the last): with no letters
/// at all, that is Latin, not `Other`.
pub(crate) fn dominant_script(counts: &[u32; SCRIPTS]) -> (Script, f32) {
    let (i, n) = counts.iter().enumerate().fold(
        (0, 0),
        |best, (i, &n)| if n > best.1 { (i, n) } else { best },
    );
    let total: u32 = counts.iter().sum();
    let share = if total == 0 {
        0.0
    } else {
        n as f32 / total as f32
    };
    (script_from_index(i), share)
}

fn script_from_index(i: usize) -> Script {
    const ALL: [Script; SCRIPTS] = [
        Script::Latin,
        Script::Cyrillic,
        Script::Greek,
        Script::Arabic,
        Script::Hebrew,
        Script::Devanagari,
        Script::Thai,
        Script::Cjk,
        Script::Hangul,
        Script::Georgian,
        Script::Armenian,
        Script::Other,
    ];
    ALL[i]
}

/// One value per script, built on first use and shared by every cleaner.
pub(crate) fn per_script<T>(
    cells: &'static OnceLock<Vec<OnceLock<T>>>,
    script: Script,
    init: impl FnOnce() -> T,
) -> &'static T {
    cells.get_or_init(|| (0..SCRIPTS).map(|_| OnceLock::new()).collect())[script as usize]
        .get_or_init(init)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        let cases = [
            ('a', Script::Latin),
            ('é', Script::Latin),
            ('ж', Script::Cyrillic),
            ('λ', Script::Greek),
            ('ش', Script::Arabic),
            ('א', Script::Hebrew),
            ('中', Script::Cjk),
            ('か', Script::Cjk),
            ('한', Script::Hangul),
        ];
        for (c, want) in cases {
            assert_eq!(Script::of(c), want, "{c}");
        }
    }
}
