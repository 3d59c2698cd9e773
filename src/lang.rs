//! Which language the programs speak, by the rules of the output contract:
//! `--lang en|zh` first, then `WORKBOOK_LANG=en|zh`, then a `zh*` locale in
//! `LC_ALL`, `LC_MESSAGES` or `LANG` (the first of them that is set, as POSIX reads
//! them), and English otherwise.
//!
//! One rule reads a language's name wherever it is given ([`Lang::from_name`]):
//! `--lang`, `WORKBOOK_LANG` and the locale accept the same values. Case does not
//! matter, and only the language part counts, before any `_`, `-`, `.` or `@`: `zh`,
//! `ZH`, `zh_CN`, `zh-CN`, `zh_TW.UTF-8` and `cn` (what many people type for Chinese)
//! are Chinese; `en`, `EN`, `en_US`, `en-GB.UTF-8`, and `C` and `POSIX` (the locales
//! of no language) are English. Another name is no language of the workbook: from
//! `--lang` it is a mistake on the command line (exit status 2), from `WORKBOOK_LANG`
//! a warning, and a locale such as `fr_FR` simply leaves English.
//!
//! This is the lowest room of the library: it imports nothing from the crate, and the
//! rest (`say!`, the texts, the arguments) asks it for the language.

use std::sync::OnceLock;

/// A language the workbook speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English, the default.
    En,
    /// Simplified Chinese, the language of the lesson.
    Zh,
}

/// The environment variable that chooses the language over the locale.
pub const ENV_VAR: &str = "WORKBOOK_LANG";

static CHOSEN: OnceLock<Lang> = OnceLock::new();

impl Lang {
    /// Reads a language's name by the one rule of this module: case does not matter,
    /// and only the part before any `_`, `-`, `.` or `@` counts (`zh_CN.UTF-8` is `zh`).
    pub fn from_name(name: &str) -> Option<Lang> {
        let name = name.trim();
        let language = name.split(['_', '-', '.', '@']).next().unwrap_or(name);
        match language.to_ascii_lowercase().as_str() {
            "zh" | "cn" => Some(Lang::Zh),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The names `--lang` shows in its help: the rule accepts more ([`Lang::from_name`]).
    pub const NAMES: [&'static str; 2] = ["en", "zh"];

    /// Decides from environment variables, read through `var` so that tests need not
    /// change the real environment. A `WORKBOOK_LANG` that names no language is
    /// returned as `Err` along with the language decided without it.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Lang, (Lang, String)> {
        let from_locale = || {
            // POSIX: LC_ALL overrides LC_MESSAGES, which overrides LANG; empty means unset.
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .filter_map(|name| var(name))
                .find(|value| !value.is_empty())
                .unwrap_or_default();
            // A locale of another language (`fr_FR`) is no mistake: English.
            Lang::from_name(&locale).unwrap_or(Lang::En)
        };
        match var(ENV_VAR).filter(|value| !value.is_empty()) {
            None => Ok(from_locale()),
            Some(value) => match Lang::from_name(&value) {
                Some(lang) => Ok(lang),
                None => Err((from_locale(), value)),
            },
        }
    }
}

/// Fixes the language for the rest of the run (the `--lang` flag does this). The
/// first choice wins; a later call changes nothing.
pub fn set(lang: Lang) {
    let _ = CHOSEN.set(lang);
}

/// The language of this run: the one [`set`] chose, or else the environment's.
pub fn current() -> Lang {
    *CHOSEN.get_or_init(|| {
        Lang::from_vars(|name| std::env::var(name).ok()).unwrap_or_else(|(lang, value)| {
            // Straight to stderr, not through `say`, which asks this module for the
            // language; a closed stderr is ignored, as `say` ignores it.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "warning: {ENV_VAR}=`{value}` is not a language of this workbook (en or zh)"
            );
            lang
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decide(vars: &[(&str, &str)]) -> Result<Lang, (Lang, String)> {
        Lang::from_vars(|name| {
            vars.iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_string())
        })
    }

    #[test]
    fn english_without_any_setting() {
        assert_eq!(decide(&[]), Ok(Lang::En));
    }

    #[test]
    fn chinese_locale_in_lang_or_lc_all() {
        assert_eq!(decide(&[("LANG", "zh_CN.UTF-8")]), Ok(Lang::Zh));
        assert_eq!(decide(&[("LC_ALL", "zh_TW.UTF-8")]), Ok(Lang::Zh));
    }

    #[test]
    fn lc_all_overrides_lang() {
        assert_eq!(
            decide(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")]),
            Ok(Lang::En)
        );
        assert_eq!(
            decide(&[("LC_ALL", ""), ("LANG", "zh_CN.UTF-8")]),
            Ok(Lang::Zh)
        );
    }

    #[test]
    fn workbook_lang_overrides_the_locale() {
        assert_eq!(
            decide(&[("WORKBOOK_LANG", "en"), ("LANG", "zh_CN.UTF-8")]),
            Ok(Lang::En)
        );
        assert_eq!(
            decide(&[("WORKBOOK_LANG", "ZH"), ("LANG", "en_US")]),
            Ok(Lang::Zh)
        );
    }

    /// `--lang`, `WORKBOOK_LANG` and the locale read a name by the same rule: each
    /// value is the same language from each of them.
    #[test]
    fn every_place_accepts_the_same_values() {
        let chinese = [
            "zh",
            "ZH",
            "Zh",
            "zh_CN",
            "zh-CN",
            "zh_TW.UTF-8",
            "zh_CN.GB18030",
            "cn",
            "CN",
            " zh ",
        ];
        let english = [
            "en",
            "EN",
            "en_US",
            "en-GB",
            "en_US.UTF-8",
            "C",
            "C.UTF-8",
            "POSIX",
        ];
        for (names, lang) in [(&chinese[..], Lang::Zh), (&english[..], Lang::En)] {
            for name in names {
                assert_eq!(Lang::from_name(name), Some(lang), "--lang {name}");
                assert_eq!(
                    decide(&[("WORKBOOK_LANG", name)]),
                    Ok(lang),
                    "WORKBOOK_LANG={name}"
                );
                assert_eq!(decide(&[("LANG", name)]), Ok(lang), "LANG={name}");
                assert_eq!(
                    decide(&[("LC_ALL", name), ("LANG", "fr_FR")]),
                    Ok(lang),
                    "LC_ALL={name}"
                );
            }
        }
        for name in ["fr", "de_DE", "chinese", "zhx", ""] {
            assert_eq!(Lang::from_name(name), None, "{name:?}");
        }
        // A locale of another language is English, with no complaint.
        assert_eq!(decide(&[("LANG", "fr_FR.UTF-8")]), Ok(Lang::En));
    }

    #[test]
    fn unknown_workbook_lang_is_reported_and_the_locale_decides() {
        assert_eq!(
            decide(&[("WORKBOOK_LANG", "fr"), ("LANG", "zh_CN")]),
            Err((Lang::Zh, "fr".to_string()))
        );
    }
}
