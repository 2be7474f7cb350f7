//! `argwalk import`: maps from the formats the field already annotates arguments in (the
//! argumentative microtexts' XML, brat standoff as in the Argument Annotated Essays, AIF JSON,
//! Argdown), each written as a checked argwalk map beside its article, never over a file, with
//! what could not be carried listed by its place in the input.

mod aif;
mod argdown;
mod brat;
mod graph;
mod microtext;

use std::path::{Path, PathBuf};

pub(crate) use brat::offsets as brat_offsets;
pub use graph::Lost;

/// The formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum From {
    /// The argumentative microtexts corpus: one XML `<arggraph>` per text
    Microtext,
    /// brat standoff: FILE.ann beside FILE.txt, as in the Argument Annotated Essays
    Brat,
    /// AIF JSON (AIFdb, OVA, argwalk's own export); several central claims give several maps
    Aif,
    /// Argdown source, read by the Argdown CLI (`argdown` on the PATH, or ARGWALK_ARGDOWN)
    Argdown,
}

impl From {
    /// The input files of this format in a folder: `.xml`, `.ann`, `.json`, `.argdown`/`.ad`.
    pub fn takes(self, path: &Path) -> bool {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match self {
            From::Microtext => ext == "xml",
            From::Brat => ext == "ann",
            From::Aif => ext == "json",
            From::Argdown => ext == "argdown" || ext == "ad",
        }
    }

    fn name(self) -> &'static str {
        match self {
            From::Microtext => "microtext",
            From::Brat => "brat",
            From::Aif => "aif",
            From::Argdown => "argdown",
        }
    }
}

/// How to read an input, beyond its format.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// brat: place each premise no relation leads from under the claim of its paragraph, and
    /// each claim without a stance for the major claim (`--attach`), those links marked as
    /// inferred: annotations of components only (as two of the three annotators of the
    /// Argument Annotated Essays' agreement study made) become whole maps.
    pub attach: bool,
}

/// What importing one input did.
#[derive(Debug, Default)]
pub struct Imported {
    /// Each map written, with its article beside it.
    pub maps: Vec<PathBuf>,
    /// What could not be carried, where.
    pub lost: Vec<Lost>,
    /// What was carried but is worth a word, where.
    pub notes: Vec<Lost>,
    /// Warnings `argwalk check` gives the maps written (uncited paragraphs and the like).
    pub warnings: usize,
}

/// The article, served from memory to the loader that checks a map before it is written.
struct Article<'a> {
    name: &'a str,
    text: &'a str,
}

impl crate::map::loader::TextFiles for Article<'_> {
    fn read(&self, name: &str) -> Result<String, String> {
        if name == self.name {
            Ok(self.text.to_string())
        } else {
            Err(format!("no file {name}"))
        }
    }
}

/// Reads `input` as `from` and `options` say.
fn read(input: &Path, from: From, options: Options) -> Result<graph::Graph, String> {
    let name = input.display().to_string();
    let text = |p: &Path| -> Result<String, String> {
        let bytes = crate::map::loader::read_limited(p).map_err(|e| format!("{e:#}"))?;
        crate::map::loader::utf8_text(&p.display().to_string(), bytes)
    };
    match from {
        From::Microtext => microtext::read(&text(input)?, &name),
        From::Brat => {
            let txt = input.with_extension("txt");
            let essay = text(&txt).map_err(|e| {
                format!("{name}: brat annotations need their text beside them ({e})")
            })?;
            brat::read(&text(input)?, &essay, &name, options.attach)
        }
        From::Aif => aif::read(&text(input)?, &name),
        From::Argdown => argdown::read(input, &name),
    }
}

/// The map brat annotations `ann` of the essay `txt` make (of their central claim with the
/// most behind it), in memory, checked, as `import --attach` makes it; for comparing
/// annotations (the agreement study, `dev::agreement`).
pub fn brat_map(
    ann: &str,
    txt: &str,
    name: &str,
) -> Result<crate::map::model::ArgumentMap, String> {
    let graph = brat::read(ann, txt, name, true)?;
    let size = |r: usize| graph.behind(r).iter().filter(|&&b| b).count();
    let root = graph
        .roots()
        .into_iter()
        .max_by_key(|&r| (size(r), std::cmp::Reverse(r)))
        .ok_or_else(|| format!("{name}: no central claim"))?;
    let elsewhere = vec![false; graph.claims.len()];
    let (toml, _) = graph.to_map(root, "essay.txt", &format!("brat {name}"), &elsewhere);
    let article = graph.article();
    let loaded = crate::map::loader::load_str(
        name,
        &toml,
        &Article {
            name: "essay.txt",
            text: &article,
        },
    );
    loaded
        .map
        .ok_or_else(|| format!("{name}: {}", loaded.report.render(false)))
}

/// Imports `input` into `output` (a map's path; by default the input's name with `.toml`, in
/// the current folder), its article beside it as `.txt`. A source with several central claims
/// (AIF) gives one map each: `NAME.toml`, `NAME-2.toml`, …
pub fn import(input: &Path, from: From, output: Option<&Path>) -> Result<Imported, String> {
    import_with(input, from, Options::default(), output)
}

/// [`import`], read as `options` say.
pub fn import_with(
    input: &Path,
    from: From,
    options: Options,
    output: Option<&Path>,
) -> Result<Imported, String> {
    let graph = read(input, from, options)?;
    let mut roots = graph.roots();
    if roots.is_empty() {
        return Err(format!(
            "{}: no central claim: every claim bears on another, in a circle",
            input.display()
        ));
    }
    // The central claim with the most behind it first.
    let size = |r: usize| graph.behind(r).iter().filter(|&&b| b).count();
    roots.sort_by_key(|&r| std::cmp::Reverse(size(r)));
    let base = match output {
        Some(o) => o.to_path_buf(),
        None => PathBuf::from(
            input
                .file_stem()
                .map_or_else(|| "imported".into(), |s| s.to_os_string()),
        )
        .with_extension("toml"),
    };
    let mut plans = Vec::new();
    for (k, &root) in roots.iter().enumerate() {
        let map_path = if k == 0 {
            base.clone()
        } else {
            let stem = base
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            base.with_file_name(format!("{stem}-{}.toml", k + 1))
        };
        let article_path = map_path.with_extension("txt");
        let article_name = article_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let source = input
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        // What the other central claims' maps hold is not lost from this one.
        let mut elsewhere = vec![false; graph.claims.len()];
        for &other in roots.iter().filter(|&&o| o != root) {
            for (c, held) in graph.behind(other).into_iter().enumerate() {
                elsewhere[c] |= held;
            }
        }
        let (toml, lost) = graph.to_map(
            root,
            &article_name,
            &format!("{} {source}", from.name()),
            &elsewhere,
        );
        let article = graph.article();
        // Checked before anything is written: a map argwalk cannot read is never written.
        let loaded = crate::map::loader::load_str(
            &map_path.display().to_string(),
            &toml,
            &Article {
                name: &article_name,
                text: &article,
            },
        );
        if loaded.map.is_none() {
            return Err(format!(
                "{}: the map made from it does not check (a bug of argwalk's import; please report it):\n{}",
                input.display(),
                loaded.report.render(false)
            ));
        }
        for (p, text) in [(&map_path, &toml), (&article_path, &article)] {
            free(p, text)?;
        }
        plans.push((map_path, article_path, toml, article, lost, loaded.report));
    }
    let mut done = Imported {
        notes: graph.notes.clone(),
        ..Imported::default()
    };
    for (map_path, article_path, toml, article, lost, report) in plans {
        write_pair((&map_path, &toml), (&article_path, &article))?;
        done.warnings += report.warnings();
        for l in lost {
            if !done.lost.contains(&l) {
                done.lost.push(l);
            }
        }
        done.maps.push(map_path);
    }
    in_input_order(&mut done.lost);
    Ok(done)
}

/// Refuses `path` when a file is there, unless it holds just `text` (a run killed half-way
/// wrote it: the rerun completes that run).
fn free(path: &Path, text: &str) -> Result<(), String> {
    if path.exists() && !std::fs::read(path).is_ok_and(|there| there == text.as_bytes()) {
        return Err(format!(
            "{} exists already; argwalk never overwrites: choose another name with -o",
            path.display()
        ));
    }
    Ok(())
}

/// Writes a map and its article (the article first), never over a file that is there: what
/// a killed run left of its writes goes first, and a file with just these words is that
/// run's own, done, so a rerun completes the import rather than refusing it.
fn write_pair(
    (map_path, toml): (&Path, &str),
    (article_path, article): (&Path, &str),
) -> Result<(), String> {
    for (path, text) in [(article_path, article), (map_path, toml)] {
        crate::study::store::clean_stale_temps(path);
        if std::fs::read(path).is_ok_and(|there| there == text.as_bytes()) {
            continue;
        }
        crate::study::store::write_new(path, text.as_bytes()).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                format!(
                    "{} exists already; argwalk never overwrites",
                    path.display()
                )
            } else {
                format!("cannot write {}: {e}", path.display())
            }
        })?;
    }
    Ok(())
}

/// Puts what was said in the input's order: "line 7" before "line 13".
fn in_input_order(lost: &mut [Lost]) {
    lost.sort_by_key(|l| {
        let number: String = l.place.chars().filter(char::is_ascii_digit).collect();
        (
            l.place
                .chars()
                .filter(|c| !c.is_ascii_digit())
                .collect::<String>(),
            number.parse::<u64>().unwrap_or(0),
        )
    });
}

/// What a folder's import came to.
#[derive(Debug, Default)]
pub struct Summary {
    pub imported: usize,
    /// The maps written: more than the inputs imported when an input held several arguments
    /// not connected to each other (each is a map of its own).
    pub maps: usize,
    /// Imported, with something not carried or a warning of `check`.
    pub with_warnings: usize,
    /// Each input refused, and why.
    pub refused: Vec<(PathBuf, String)>,
    /// Each input imported with losses: what was lost.
    pub lost: Vec<(PathBuf, Vec<Lost>)>,
    /// Each input imported with something worth a word: what.
    pub notes: Vec<(PathBuf, Vec<Lost>)>,
}

/// Imports every input of `from`'s kind in `dir` into the folder `out` (made if missing), in
/// name order; `progress` is told each input as it starts (its number, the count, the name).
pub fn import_folder(
    dir: &Path,
    from: From,
    options: Options,
    out: &Path,
    mut progress: impl FnMut(usize, usize, &Path),
) -> Result<Summary, String> {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && from.takes(p))
        .collect();
    inputs.sort();
    if inputs.is_empty() {
        return Err(format!(
            "{} holds no {} files to import",
            dir.display(),
            from.name()
        ));
    }
    std::fs::create_dir_all(out).map_err(|e| format!("cannot make {}: {e}", out.display()))?;
    let mut summary = Summary::default();
    for (i, input) in inputs.iter().enumerate() {
        progress(i + 1, inputs.len(), input);
        let stem = input
            .file_stem()
            .map_or_else(|| "imported".into(), |s| s.to_os_string());
        let target = out.join(stem).with_extension("toml");
        match import_with(input, from, options, Some(&target)) {
            Ok(done) => {
                summary.imported += 1;
                summary.maps += done.maps.len();
                if !done.lost.is_empty() || !done.notes.is_empty() || done.warnings > 0 {
                    summary.with_warnings += 1;
                }
                if !done.notes.is_empty() {
                    summary.notes.push((input.clone(), done.notes));
                }
                if !done.lost.is_empty() {
                    summary.lost.push((input.clone(), done.lost));
                }
            }
            Err(why) => summary.refused.push((input.clone(), why)),
        }
    }
    Ok(summary)
}
