//! Reading a small TOML file of the debate round with the place of every value, so each
//! mistake is said at its line and column with what to write instead, all at once.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::map::diagnostic::{Diagnostic, SourceFile};

/// A file being read, and what is wrong with it so far.
pub(crate) struct Reader<'f> {
    pub(crate) file: &'f SourceFile,
    pub(crate) diags: Vec<Diagnostic>,
}

/// A value with where it is written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct At<T> {
    pub(crate) value: T,
    pub(crate) span: Range<usize>,
}

impl<'f> Reader<'f> {
    pub(crate) fn new(file: &'f SourceFile) -> Self {
        Self {
            file,
            diags: Vec::new(),
        }
    }

    pub(crate) fn error(&mut self, span: Range<usize>, message: String, help: String) {
        let d = self.file.error(span, message).help(help).done();
        self.diags.push(d);
    }

    /// Says each key of `t` not in `known`, with the nearest known key as the fix.
    pub(crate) fn unknown_keys(&mut self, t: &DeTable<'_>, known: &[&str], what: &str) {
        for (k, _) in t.iter() {
            let key = k.get_ref().as_ref();
            if known.contains(&key) {
                continue;
            }
            let near = crate::map::format::suggest(key, known.iter().copied());
            let help = match near {
                Some(n) => format!("write `{n}`"),
                None => format!("{what} takes {}", known.join(", ")),
            };
            self.error(
                k.span(),
                format!(
                    "unknown key `{}` in {what}",
                    crate::map::sanitize::clean(key)
                ),
                help,
            );
        }
    }

    /// The table at `key`, if it is one (said if it is something else).
    pub(crate) fn table<'a, 'i>(
        &mut self,
        t: &'a DeTable<'i>,
        key: &str,
        example: &str,
    ) -> Option<(&'a DeTable<'i>, Range<usize>)> {
        let (_, v) = t.iter().find(|(k, _)| k.get_ref() == key)?;
        match v.get_ref() {
            DeValue::Table(inner) => Some((inner, v.span())),
            _ => {
                self.error(
                    v.span(),
                    format!("`{key}` must be a table"),
                    format!("write it as {example}"),
                );
                None
            }
        }
    }

    /// The array of tables at `key` (none if absent).
    pub(crate) fn tables<'a, 'i>(
        &mut self,
        t: &'a DeTable<'i>,
        key: &str,
    ) -> Vec<(&'a DeTable<'i>, Range<usize>)> {
        let Some((_, v)) = t.iter().find(|(k, _)| k.get_ref() == key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|i| match i.get_ref() {
                    DeValue::Table(inner) => Some((inner, i.span())),
                    _ => None,
                })
                .collect(),
            _ => {
                self.error(
                    v.span(),
                    format!("`{key}` must be written `[[{key}]]`, one table each"),
                    format!("write each under its own `[[{key}]]` header"),
                );
                Vec::new()
            }
        }
    }

    fn value<'a, 'i>(t: &'a DeTable<'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        t.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v)
    }

    /// The string at `key`; said when it is something else, or missing and `required`.
    pub(crate) fn string(
        &mut self,
        t: &DeTable<'_>,
        at: &Range<usize>,
        key: &str,
        required: bool,
        example: &str,
    ) -> Option<At<String>> {
        match Self::value(t, key) {
            Some(v) => match v.get_ref() {
                DeValue::String(s) if !s.trim().is_empty() => Some(At {
                    value: crate::map::sanitize::clean(s),
                    span: v.span(),
                }),
                _ => {
                    self.error(
                        v.span(),
                        format!("`{key}` must be a text, and not empty"),
                        format!("write `{key} = {example}`"),
                    );
                    None
                }
            },
            None if required => {
                self.missing(at, key, &format!("{key} = {example}"));
                None
            }
            None => None,
        }
    }

    /// Says that the table at `at` lacks `key`, at its header: "add `{add}`".
    fn missing(&mut self, at: &Range<usize>, key: &str, add: &str) {
        let header = crate::map::format::span_of_header(&self.file.text, at.clone());
        self.error(
            header,
            format!("this table has no `{key}`"),
            format!("add `{add}`"),
        );
    }

    /// The whole number at `key`, within `range`.
    pub(crate) fn number(
        &mut self,
        t: &DeTable<'_>,
        at: &Range<usize>,
        key: &str,
        range: std::ops::RangeInclusive<i64>,
        required: bool,
    ) -> Option<At<i64>> {
        let example = format!("{key} = {}", range.start().max(&1));
        match Self::value(t, key) {
            Some(v) => {
                let n = match v.get_ref() {
                    DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
                    _ => None,
                };
                match n.filter(|n| range.contains(n)) {
                    Some(n) => Some(At {
                        value: n,
                        span: v.span(),
                    }),
                    None => {
                        self.error(
                            v.span(),
                            format!(
                                "`{key}` must be a whole number from {} to {}",
                                range.start(),
                                range.end()
                            ),
                            format!("write `{example}`"),
                        );
                        None
                    }
                }
            }
            None if required => {
                self.missing(at, key, &example);
                None
            }
            None => None,
        }
    }

    /// The boolean at `key`.
    pub(crate) fn boolean(&mut self, t: &DeTable<'_>, key: &str) -> Option<bool> {
        let v = Self::value(t, key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.error(
                    v.span(),
                    format!("`{key}` must be true or false"),
                    format!("write `{key} = false`"),
                );
                None
            }
        }
    }

    /// The strings at `key`: one, or an array of them.
    pub(crate) fn strings(&mut self, t: &DeTable<'_>, key: &str, example: &str) -> Vec<At<String>> {
        let Some(v) = Self::value(t, key) else {
            return Vec::new();
        };
        let one = |v: &Spanned<DeValue<'_>>| match v.get_ref() {
            DeValue::String(s) if !s.trim().is_empty() => Some(At {
                value: crate::map::sanitize::clean(s),
                span: v.span(),
            }),
            _ => None,
        };
        let out: Option<Vec<At<String>>> = match v.get_ref() {
            DeValue::String(_) => one(v).map(|a| vec![a]),
            DeValue::Array(items) => items.iter().map(one).collect(),
            _ => None,
        };
        out.unwrap_or_else(|| {
            self.error(
                v.span(),
                format!("`{key}` must be a text or a list of texts"),
                format!("write `{key} = {example}`"),
            );
            Vec::new()
        })
    }

    /// The numbers at `key` (an array of whole numbers within `range`).
    pub(crate) fn numbers(
        &mut self,
        t: &DeTable<'_>,
        key: &str,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<Vec<i64>> {
        let v = Self::value(t, key)?;
        let read: Option<Vec<i64>> = match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .map(|i| match i.get_ref() {
                    DeValue::Integer(n) => i64::from_str_radix(n.as_str(), n.radix())
                        .ok()
                        .filter(|n| range.contains(n)),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        if read.is_none() {
            self.error(
                v.span(),
                format!(
                    "`{key}` must be a list of numbers from {} to {}",
                    range.start(),
                    range.end()
                ),
                format!("write `{key} = [{}]`", range.start()),
            );
        }
        read
    }

    /// The syntax errors of `doc`'s parse, said at their places.
    pub(crate) fn syntax(&mut self, errors: &[toml::de::Error]) {
        self.diags
            .extend(crate::map::syntax::explain_parse(self.file, errors));
    }
}
