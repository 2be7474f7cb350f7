//! A class on the team server (`--class DIR`): each member's own maps in `DIR/NAME/`, each
//! compared with the library's map of the same article, its reference. The teacher sees the
//! class list (every member's maps, scored); a member sees their own maps and no one else's.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::interchange::compare::Comparison;
use crate::map::model::ArgumentMap;

/// Whether `name` may name a member: letters, digits, `-` and `_`, as `--user` takes.
pub fn is_member_name(name: &str) -> bool {
    super::folder::is_name(name)
}

/// The maps (`*.toml`, not hidden) in `folder`, by name; none if it cannot be read.
pub fn maps_in(folder: &Path) -> Vec<PathBuf> {
    super::folder::maps_in(folder).unwrap_or_default()
}

/// The folders of a class, by name: those named as members are (name and path), and the
/// others, not listed but said (sanitized; hidden folders aside).
fn folders(class: &Path) -> (Vec<(String, PathBuf)>, Vec<String>) {
    let (mut members, mut misnamed) = (Vec::new(), Vec::new());
    let Ok(read) = std::fs::read_dir(class) else {
        return (members, misnamed);
    };
    for e in read.flatten().filter(|e| e.path().is_dir()) {
        let name = e.file_name().to_string_lossy().into_owned();
        // A member's folder is a folder of its own: a link (`dave -> bob`) would show one
        // member's maps as another's.
        if e.file_type().is_ok_and(|t| t.is_symlink()) {
            if !name.starts_with('.') {
                misnamed.push(format!("{} (a link)", crate::map::sanitize::clean(&name)));
            }
            continue;
        }
        if is_member_name(&name) {
            members.push((name, e.path()));
        } else if !name.starts_with('.') {
            misnamed.push(crate::map::sanitize::clean(&name));
        }
    }
    members.sort();
    misnamed.sort();
    (members, misnamed)
}

/// The members of the class: its folders named as members are (others are not listed), by
/// name.
pub fn members(class: &Path) -> Vec<(String, PathBuf)> {
    folders(class).0
}

/// The folders of the class that are not named as members are (a space, a dot, an accent):
/// not listed, and said so, sanitized.
pub fn misnamed(class: &Path) -> Vec<String> {
    folders(class).1
}

/// "Not listed: the folders `Alice Smith`, named otherwise than a member is (letters, digits,
/// `-` and `_`)." for the class's misnamed folders; `None` when there are none.
pub fn misnamed_line(class: &Path) -> Option<String> {
    let names = misnamed(class);
    if names.is_empty() {
        return None;
    }
    let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    Some(format!(
        "Not listed: {} {}: a member's folder is named as --user names a member (letters, digits, - and _), and is a folder of its own, not a link.",
        if names.len() == 1 {
            "the folder"
        } else {
            "the folders"
        },
        list.join(", ")
    ))
}

/// What identifies an article: its words, whatever the spacing and line breaks of the copy.
fn article_key(map: &ArgumentMap) -> String {
    let mut key = String::new();
    for p in &map.source.paragraphs {
        for w in p.text.split_whitespace() {
            key.push_str(w);
            key.push(' ');
        }
    }
    key
}

/// The library's maps by their article, to find a member's map's reference.
pub struct References {
    by_article: HashMap<String, Vec<PathBuf>>,
}

impl References {
    /// Reads every map of `library` that loads clean (each from within the library).
    pub fn of(library: &Path) -> Self {
        let mut by_article: HashMap<String, Vec<PathBuf>> = HashMap::new();
        for path in maps_in(library) {
            if let Ok(loaded) = crate::map::loader::load_path_within(&path, library)
                && let Some(map) = loaded.map
            {
                by_article.entry(article_key(&map)).or_default().push(path);
            }
        }
        Self { by_article }
    }

    /// The reference of `map` (read from `path`): the library's map of the same article; of
    /// several, the one with the same file name, else the first by name.
    pub fn for_map(&self, map: &ArgumentMap, path: &Path) -> Option<&Path> {
        let same = self.by_article.get(&article_key(map))?;
        same.iter()
            .find(|r| r.file_name() == path.file_name())
            .or_else(|| same.first())
            .map(PathBuf::as_path)
    }
}

/// The reference of the member's map at `path` in `library`, loaded: the library's map of the
/// same article. `None` when the map does not load or no library map is of its article.
pub fn reference_of(map: &ArgumentMap, path: &Path, library: &Path) -> Option<ArgumentMap> {
    let refs = References::of(library);
    let at = refs.for_map(map, path)?;
    crate::map::loader::load_path_within(at, library).ok()?.map
}

/// What the class list keeps of a comparison: the scores and counts. The lists of
/// differences are made again when a member's map is opened against its reference, so a
/// class of large hand-ins holds a few numbers a row, not every pair and link.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Score {
    pub overall: f64,
    pub components: f64,
    pub kinds: f64,
    pub links: f64,
    pub missed: usize,
    pub extra: usize,
    /// Whether the member's thesis is the reference's.
    pub thesis: bool,
    /// The share of the reference's words the map copies, when it is the reference or
    /// nearly ([`Comparison::copy`]).
    pub copy: Option<f64>,
}

impl Score {
    /// The scores and counts of `c`.
    pub fn of(c: &Comparison) -> Self {
        Self {
            overall: c.overall,
            components: c.components.f1,
            kinds: c.kinds,
            links: c.links.f1,
            missed: c.missed.len(),
            extra: c.extra.len(),
            thesis: c.thesis.matches,
            copy: c.copy,
        }
    }
}

/// How one member's map stands.
pub enum Standing {
    /// Compared with its reference (the library's map at `reference`).
    Scored {
        title: String,
        reference: PathBuf,
        score: Score,
    },
    /// It loads, but no library map is of its article.
    NoReference { title: String },
    /// It does not load: why.
    Broken(String),
}

/// The largest hand-in the class list scores, in bytes: a member's map is hostile input on a
/// shared server, and a larger one is listed with why, not read. Ten times the longest map
/// shipped (Douglass, 9 KB); docs/TEAM.md says so.
pub const HAND_IN_MAX_BYTES: u64 = 1024 * 1024;

/// The most nodes a scored hand-in may have: comparing is quadratic in the worst case, and no
/// article a class maps has this many claims.
pub const HAND_IN_MAX_NODES: usize = 2_000;

/// Why a hand-in of `bytes` bytes is not read, if it is over the limit.
fn too_large(bytes: u64) -> Option<String> {
    (bytes > HAND_IN_MAX_BYTES).then(|| {
        format!(
            "not scored: {:.1} MiB, over the class's limit of {} MiB a hand-in",
            bytes as f64 / (1024.0 * 1024.0),
            HAND_IN_MAX_BYTES / (1024 * 1024)
        )
    })
}

/// One row of the class list: a member's map, or a member with none.
pub struct Row {
    /// The member's name (a folder name, checked as `--user` names are).
    pub member: String,
    /// The member's map; `None` for a member who has none yet.
    pub map: Option<PathBuf>,
    pub standing: Option<Standing>,
}

/// One member's hand-in to score: a map of theirs, or `None` for a member with none.
pub struct HandIn {
    pub member: String,
    /// The member's own folder, the only one their map and its article are read from.
    folder: PathBuf,
    pub map: Option<PathBuf>,
}

/// What the class list will score: every member's maps, members by name. Only folders are
/// listed here (nothing is read), so a list can say "3 of 60" before the first is scored.
pub fn hand_ins(class: &Path) -> Vec<HandIn> {
    let mut all = Vec::new();
    for (member, folder) in members(class) {
        let maps = maps_in(&folder);
        if maps.is_empty() {
            all.push(HandIn {
                member,
                folder,
                map: None,
            });
            continue;
        }
        for map in maps {
            all.push(HandIn {
                member: member.clone(),
                folder: folder.clone(),
                map: Some(map),
            });
        }
    }
    all
}

/// Scores hand-ins against a library's maps, one at a time, each reference read once.
pub struct Scorer {
    library: PathBuf,
    refs: References,
    loaded: HashMap<PathBuf, Option<ArgumentMap>>,
}

impl Scorer {
    /// A scorer against the maps of `library` (read now, to find each article's reference).
    pub fn new(library: &Path) -> Self {
        Self {
            library: library.to_path_buf(),
            refs: References::of(library),
            loaded: HashMap::new(),
        }
    }

    /// The row of one hand-in, and the whole comparison when it was scored (for a caller that
    /// writes it out and lets it go).
    pub fn score(&mut self, hand_in: &HandIn) -> (Row, Option<Comparison>) {
        let Some(path) = &hand_in.map else {
            let row = Row {
                member: hand_in.member.clone(),
                map: None,
                standing: None,
            };
            return (row, None);
        };
        let (standing, comparison) = match self.read(path, &hand_in.folder) {
            Err(why) => (Standing::Broken(why), None),
            Ok(map) => match self.refs.for_map(&map, path).map(Path::to_path_buf) {
                None => (
                    Standing::NoReference {
                        title: map.source.title.clone(),
                    },
                    None,
                ),
                Some(at) => {
                    let library = &self.library;
                    let reference = self.loaded.entry(at.clone()).or_insert_with(|| {
                        crate::map::loader::load_path_within(&at, library).ok()?.map
                    });
                    match reference {
                        Some(r) => {
                            let c = crate::interchange::compare::compare(&map, r);
                            let standing = Standing::Scored {
                                title: map.source.title.clone(),
                                reference: at,
                                score: Score::of(&c),
                            };
                            (standing, Some(c))
                        }
                        None => (
                            Standing::NoReference {
                                title: map.source.title.clone(),
                            },
                            None,
                        ),
                    }
                }
            },
        };
        let row = Row {
            member: hand_in.member.clone(),
            map: Some(path.clone()),
            standing: Some(standing),
        };
        (row, comparison)
    }

    /// A member's map, read from within their folder only and within the class's limits; or
    /// why not, said without the server's paths (a link out of the folder is named as one).
    fn read(&self, path: &Path, folder: &Path) -> Result<ArgumentMap, String> {
        let inside = std::fs::canonicalize(path)
            .ok()
            .zip(std::fs::canonicalize(folder).ok())
            .is_some_and(|(p, f)| p.starts_with(f));
        if !inside {
            return Err(
                "it lies outside the member's folder: a link out of it is not read".to_string(),
            );
        }
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        if let Some(why) = too_large(bytes) {
            return Err(why);
        }
        let loaded = crate::map::loader::load_path_within(path, folder)
            .map_err(|e| crate::map::sanitize::clean(&format!("{e:#}")))?;
        match loaded.map {
            None => Err(format!(
                "{}: argwalk check shows {}",
                count(loaded.report.errors(), "error"),
                if loaded.report.errors() == 1 {
                    "it"
                } else {
                    "them"
                }
            )),
            Some(map) if map.nodes.len() > HAND_IN_MAX_NODES => Err(format!(
                "not scored: {} nodes, over the class's limit of {HAND_IN_MAX_NODES} a hand-in",
                map.nodes.len()
            )),
            Some(map) => Ok(map),
        }
    }
}

/// The class list: every member's maps, each against its reference, members by name.
pub fn list(library: &Path, class: &Path) -> Vec<Row> {
    let mut scorer = Scorer::new(library);
    hand_ins(class).iter().map(|h| scorer.score(h).0).collect()
}

/// "1 member", "3 members".
pub fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

impl Row {
    /// The member's map's file name, sanitized ("(no map yet)" for none).
    pub fn map_name(&self) -> String {
        self.map
            .as_deref()
            .map_or_else(|| "(no map yet)".to_string(), super::folder::file_name)
    }

    /// The row in words: "72% overall · components 80% · kinds 75% · links 60% · against
    /// thoreau.toml", or why it has no score.
    pub fn summary(&self) -> String {
        match &self.standing {
            None => "has handed in no map".to_string(),
            Some(Standing::Broken(why)) => format!("cannot be read ({why})"),
            Some(Standing::NoReference { title }) => format!(
                "{}: no library map is of its article, so no score",
                crate::map::sanitize::clean(title)
            ),
            Some(Standing::Scored {
                reference,
                score: c,
                ..
            }) => format!(
                "{}{}{} overall · components {} · kinds {} · links {} · {} missed, {} extra · against {}",
                if c.thesis {
                    ""
                } else {
                    "thesis not the reference's · "
                },
                if c.copy.is_some() {
                    "the reference's, or nearly · "
                } else {
                    ""
                },
                percent(c.overall),
                percent(c.components),
                percent(c.kinds),
                percent(c.links),
                c.missed,
                c.extra,
                super::folder::file_name(reference)
            ),
        }
    }
}

/// The class list as text, one line a row, and a last line of how many have scores.
pub fn report(rows: &[Row]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    if rows.is_empty() {
        out.push_str("No member's folder in the class (one folder per member, named as --user names them).\n");
        return out;
    }
    let width = rows.iter().map(|r| r.member.len()).max().unwrap_or(0);
    let names = rows
        .iter()
        .map(|r| r.map_name().chars().count())
        .max()
        .unwrap_or(0);
    for r in rows {
        let name = r.map_name();
        let _ = writeln!(
            out,
            "{:width$}  {name}{}  {}",
            r.member,
            " ".repeat(names.saturating_sub(name.chars().count())),
            r.summary()
        );
    }
    out.push_str(&tally(rows));
    out.push('\n');
    out
}

/// "3 members, 4 maps scored, 68% overall on average.": the class list's last line.
pub fn tally(rows: &[Row]) -> String {
    let scored: Vec<f64> = rows
        .iter()
        .filter_map(|r| match &r.standing {
            Some(Standing::Scored { score, .. }) => Some(score.overall),
            _ => None,
        })
        .collect();
    let mut members: Vec<&str> = rows.iter().map(|r| r.member.as_str()).collect();
    members.dedup();
    let members = count(members.len(), "member");
    if scored.is_empty() {
        format!("{members}; no map has a score yet.")
    } else {
        let mean = scored.iter().sum::<f64>() / scored.len() as f64;
        format!(
            "{members}, {} scored, {} overall on average.",
            count(scored.len(), "map"),
            percent(mean)
        )
    }
}

/// One row of the class list as JSON; `comparison` is the whole comparison of a scored row.
pub fn json_row(r: &Row, comparison: Option<&Comparison>) -> serde_json::Value {
    let mut v = serde_json::json!({
        "member": r.member,
        // File names are untrusted (a member names their own): sanitized as the words form
        // is, so no control or bidi character reaches a terminal or a log.
        "map": r.map.as_ref().map(|p| crate::map::sanitize::path(p)),
    });
    match &r.standing {
        None => v["status"] = "no map".into(),
        Some(Standing::Broken(why)) => {
            v["status"] = "broken".into();
            v["why"] = why.clone().into();
        }
        Some(Standing::NoReference { title }) => {
            v["status"] = "no reference".into();
            v["title"] = title.clone().into();
        }
        Some(Standing::Scored {
            title,
            reference,
            score,
        }) => {
            v["status"] = "scored".into();
            v["title"] = title.clone().into();
            v["reference"] = crate::map::sanitize::path(reference).into();
            v["score"] = serde_json::to_value(score).unwrap_or_default();
            if let Some(c) = comparison {
                v["comparison"] = serde_json::to_value(c).unwrap_or_default();
            }
        }
    }
    v
}

/// Writes the class list as JSON to `out`, a row as soon as it is scored (one line a row), so
/// a class of large hand-ins is never held whole: each comparison is written and let go.
pub fn write_json(
    library: &Path,
    class: &Path,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let misnamed = serde_json::to_string(&misnamed(class)).unwrap_or_else(|_| "[]".into());
    write!(
        out,
        "{{\n  \"format\": \"argwalk-class\",\n  \"version\": 2,\n  \"misnamed\": {misnamed},\n  \"rows\": ["
    )?;
    let mut scorer = Scorer::new(library);
    for (k, hand_in) in hand_ins(class).iter().enumerate() {
        let (row, comparison) = scorer.score(hand_in);
        let line = serde_json::to_string(&json_row(&row, comparison.as_ref()))
            .unwrap_or_else(|_| "{}".into());
        write!(out, "{}\n    {line}", if k == 0 { "" } else { "," })?;
        out.flush()?;
    }
    writeln!(out, "\n  ]\n}}")
}
