//! Which language the programs speak, by the rules of the output contract:
//! `--lang en|zh` first, then `WORKBOOK_LANG=en|zh`, then a `zh*` locale in
//! `LC_ALL`, `LC_MESSAGES` or `LANG` (the first of them that is set, as POSIX reads
//! them), and English otherwise.

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
    /// Reads a language name: `en` or `zh` (case does not matter).
    pub fn from_name(name: &str) -> Option<Lang> {
        match name.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

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
            if locale.to_ascii_lowercase().starts_with("zh") {
                Lang::Zh
            } else {
                Lang::En
            }
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
            crate::say::stderr_line(format_args!(
                "warning: {ENV_VAR}=`{value}` is not a language of this workbook (en or zh)"
            ));
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

    #[test]
    fn unknown_workbook_lang_is_reported_and_the_locale_decides() {
        assert_eq!(
            decide(&[("WORKBOOK_LANG", "fr"), ("LANG", "zh_CN")]),
            Err((Lang::Zh, "fr".to_string()))
        );
    }
}
