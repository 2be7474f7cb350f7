//! Argdown source, read by the Argdown CLI itself (`argdown json`, the reference parser; no
//! parser of our own to drift from it): statements, their support and attack relations,
//! arguments with premise–conclusion structures (several premises are linked), and undercuts of
//! an argument's inference. Argdown holds no article: each statement's own text (or, from
//! argwalk's export, its quotes, under the paragraph numbers it cites) is the article.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde_json::Value;

use super::graph::{Bears, Claim, Graph, Lost, Relation};

/// The Argdown CLI: `ARGWALK_ARGDOWN`, or `argdown` on the PATH.
fn cli() -> std::ffi::OsString {
    std::env::var_os("ARGWALK_ARGDOWN").unwrap_or_else(|| "argdown".into())
}

/// The largest Argdown file read: an imported file is hostile input (a member's hand-in), and
/// the CLI's memory grows far faster than its input. Over a hundred times a long essay's map.
pub const MAX_BYTES: u64 = 2 * 1024 * 1024;

/// How long the Argdown CLI may run before argwalk stops it (`ARGWALK_ARGDOWN_SECONDS` sets
/// another, in whole seconds).
const SECONDS: u64 = 60;

/// The V8 heap the CLI may grow to, in MiB: past it, it stops with an error rather than take
/// the server's memory.
const HEAP_MIB: u32 = 512;

/// `@include(…)` lines of `text`, by line and column: Argdown would read the named file into
/// this one, and an imported file names whatever it likes (another member's essay, a file of
/// the server's). argwalk reads one file: each is refused, at its place.
fn includes(text: &str) -> Vec<(usize, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let col = l.len() - l.trim_start().len();
            l.trim_start()
                .starts_with("@include")
                .then_some((i + 1, col + 1))
        })
        .collect()
}

/// Runs `argdown json` on a copy of `path`, alone in an empty working folder of its own (so no
/// `argdown.config.*` beside the input or in the working folder is read, let alone run), with
/// a time and a memory limit, and reads what it wrote.
fn parse(path: &Path) -> Result<Value, String> {
    let text = std::fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
    if text.len() as u64 > MAX_BYTES {
        return Err(format!(
            "it is {:.1} MiB; argwalk imports Argdown files of up to {} MiB",
            text.len() as f64 / (1024.0 * 1024.0),
            MAX_BYTES / (1024 * 1024)
        ));
    }
    let found = includes(&String::from_utf8_lossy(&text));
    if !found.is_empty() {
        let at: Vec<String> = found.iter().map(|(l, c)| format!("{l}:{c}")).collect();
        return Err(format!(
            "@include at {} is not read: argwalk imports one file, and reads no other it names; paste the included text into this file",
            at.join(", ")
        ));
    }
    let work = std::env::temp_dir().join(format!(
        "argwalk-argdown-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let out = work.join("out");
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot make a folder for Argdown: {e}"))?;
    let input = work.join("input.argdown");
    let result = std::fs::write(&input, &text)
        .map_err(|e| format!("cannot copy it for Argdown: {e}"))
        .and_then(|()| run(&work, &input, &out));
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// Runs the CLI in `work` on `input`, writing into `out`, within the limits.
fn run(work: &Path, input: &Path, out: &Path) -> Result<Value, String> {
    let seconds = std::env::var("ARGWALK_ARGDOWN_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SECONDS);
    let node_options = format!("--max-old-space-size={HEAP_MIB}");
    let child = std::process::Command::new(cli())
        .arg("json")
        .arg(input)
        .arg(out)
        .current_dir(work)
        .env("NODE_OPTIONS", node_options)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut child = child.map_err(|e| {
        format!(
            "cannot run the Argdown CLI ({e}): install it with `npm install -g @argdown/cli`, or name it in ARGWALK_ARGDOWN"
        )
    })?;
    // The log is read on threads of its own, so a chatty CLI never blocks on a full pipe.
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_string(&mut text);
            }
            text
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let start = std::time::Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed().as_secs() >= seconds => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "the Argdown CLI ran for {seconds} s without finishing; argwalk stopped it"
                ));
            }
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(20)),
            Err(e) => return Err(format!("cannot wait for the Argdown CLI: {e}")),
        }
    };
    // Said without the server's folders: the working folder is argwalk's, not the reader's.
    let log = (stdout.join().unwrap_or_default() + &stderr.join().unwrap_or_default())
        .replace(&work.display().to_string(), ".");
    match std::fs::read_to_string(out.join("input.json")) {
        Ok(json) if status.success() => serde_json::from_str(&json)
            .map_err(|e| format!("the Argdown CLI wrote JSON argwalk cannot read: {e}")),
        _ => Err(format!(
            "the Argdown CLI could not read it: {}",
            crate::map::sanitize::clean(log.trim())
        )),
    }
}

/// " (¶4, ¶7–9)" at the end of a statement, as argwalk's export writes it: the paragraphs.
fn trailing_cites(text: &str) -> (String, Vec<usize>) {
    let trimmed = text.trim_end();
    if let Some(open) = trimmed.rfind(" (¶")
        && trimmed.ends_with(')')
    {
        let inner = &trimmed[open + 2..trimmed.len() - 1];
        let mut paras = Vec::new();
        for part in inner.split(", ") {
            let part = part.trim_start_matches('¶');
            let (a, b) = part.split_once('–').unwrap_or((part, part));
            match (a.parse::<usize>(), b.parse::<usize>()) {
                (Ok(a), Ok(b)) if a <= b && b - a < 10_000 => paras.extend(a..=b),
                _ => return (trimmed.to_string(), Vec::new()),
            }
        }
        return (trimmed[..open].to_string(), paras);
    }
    (trimmed.to_string(), Vec::new())
}

/// A key of the front matter (`key: value`), its value as written.
fn front(source: &str, key: &str) -> Option<String> {
    if !source.starts_with("===") {
        return None;
    }
    let lines: Vec<&str> = source
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("==="))
        .collect();
    let at = lines.iter().position(|l| {
        l.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })?;
    let value = lines[at][key.len()..].trim_start()[1..].trim().to_string();
    if !value.is_empty() {
        return Some(value);
    }
    // A block list (`author:` then `  - Ann` lines), as YAML writes one: as a JSON list.
    let items: Vec<String> = lines[at + 1..]
        .iter()
        .map_while(|l| {
            l.trim_start()
                .strip_prefix("- ")
                .or_else(|| (l.trim() == "-").then_some(""))
        })
        .map(|v| front_string(v.trim()))
        .collect();
    serde_json::to_string(&items)
        .ok()
        .filter(|_| !items.is_empty())
}

/// A front matter string: JSON's quoted form (argwalk's export), or plain; a list (`[Ann,
/// Bob]`, or a block list) as its items joined, so a list-valued `author` reads as people.
fn front_string(value: &str) -> String {
    if let Ok(items) = serde_json::from_str::<Vec<String>>(value) {
        return items.join(", ");
    }
    if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        let items: Vec<String> = inner
            .split(',')
            .map(|i| i.trim().trim_matches(['"', '\'']).to_string())
            .filter(|i| !i.is_empty())
            .collect();
        return items.join(", ");
    }
    serde_json::from_str::<String>(value)
        .unwrap_or_else(|_| value.trim_matches(['"', '\'']).to_string())
}

/// The tags Argdown read on a statement or an argument.
fn tags_of(v: &Value) -> Vec<&str> {
    v["tags"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

/// `text` without its tags (`#pro`, `#(two words)`), which Argdown keeps in it.
fn without_tags(text: &str, tags: &[&str]) -> String {
    let mut text = text.to_string();
    for t in tags {
        text = text
            .replace(&format!("#({t})"), "")
            .replace(&format!("#{t}"), "");
    }
    text
}

/// Whether a tag is one of argwalk's flags (read as such, not kept as a tag).
fn is_flag(tag: &str) -> bool {
    matches!(tag, "raised" | "conceded" | "implicit" | "undercut")
}

/// The title in the front matter (`title: …`), or the first heading.
fn title(source: &str) -> Option<String> {
    front(source, "title")
        .map(|t| front_string(&t))
        .or_else(|| {
            source
                .lines()
                .find_map(|l| l.strip_prefix("# ").map(|t| t.trim().to_string()))
        })
}

/// Reads the Argdown file at `path`.
pub(crate) fn read(path: &Path, name: &str) -> Result<Graph, String> {
    let source = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    let doc = parse(path).map_err(|e| format!("{name}: {e}"))?;
    let Some(statements) = doc["statements"].as_object() else {
        return Err(format!("{name}: the Argdown CLI found no statements"));
    };
    let graph = Graph {
        title: title(&source).unwrap_or_else(|| name.to_string()),
        author: front(&source, "author").map(|a| front_string(&a)),
        publisher: front(&source, "publisher").map(|a| front_string(&a)),
        date: front(&source, "date").map(|a| front_string(&a)),
        url: front(&source, "url").map(|a| front_string(&a)),
        outside: front(&source, "outside")
            .and_then(|o| serde_json::from_str::<Vec<usize>>(&o).ok())
            .unwrap_or_default(),
        ..Graph::default()
    };
    let mut reading = Reading {
        graph,
        ..Reading::default()
    };
    reading.statements(statements);
    for (title, arg) in doc["arguments"].as_object().into_iter().flatten() {
        reading.described_argument(title, arg);
    }
    let own_export = reading.article(&source);
    let mut used = HashMap::new();
    for (title, arg) in doc["arguments"].as_object().into_iter().flatten() {
        reading.structured_argument(title, arg, own_export, &mut used);
    }
    for (i, r) in doc["relations"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        reading.relation(i, r);
    }
    reading.step_schemes();
    Ok(reading.graph)
}

/// One document read, phase by phase: each phase adds to the graph what the next reads.
#[derive(Default)]
struct Reading {
    graph: Graph,
    /// Each statement's claim, by its title.
    index: HashMap<String, usize>,
    /// Each claim's scheme, by its index: the steps get theirs once the relations are read.
    schemes: Vec<Option<&'static str>>,
    /// Whether each claim is tagged `#undercut`: argwalk's export so marks an undercut of an
    /// attack (Argdown undercuts arguments, and an attack between claims is none).
    undercut_tags: Vec<bool>,
    /// Quotes under the paragraphs they cite, to rebuild the article's paragraphs from.
    cited: BTreeMap<usize, Vec<String>>,
    /// Each argument written as a title and a description: its claim.
    argument_claim: HashMap<String, usize>,
    /// Each argument with a premise-conclusion structure: its main inference's premises and
    /// conclusion.
    premises_of: HashMap<String, (Vec<usize>, usize)>,
}

impl Reading {
    /// Every statement, as a claim, in document order.
    fn statements(&mut self, statements: &serde_json::Map<String, Value>) {
        // In document order (the CLI's JSON lists statements by title).
        let mut statements: Vec<(&String, &Value)> = statements.iter().collect();
        let line_of = |st: &Value| {
            st["members"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|m| m["startLine"].as_u64())
                .min()
                .unwrap_or(u64::MAX)
        };
        statements.sort_by_key(|(_, st)| line_of(st));
        for (key, st) in statements {
            self.statement(key, st);
        }
    }

    /// One statement, as a claim.
    fn statement(&mut self, key: &String, st: &Value) {
        let member = st["members"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|m| m["text"].as_str().is_some_and(|t| !t.trim().is_empty()));
        let Some(member) = member else {
            self.graph.lost.push(Lost {
                place: format!("statement [{key}]"),
                what: format!("the statement [{key}] has no text"),
            });
            return;
        };
        let line = member["startLine"].as_u64().unwrap_or(0);
        let tags = tags_of(st);
        // Argdown keeps a statement's tags in its text: said apart, as flags and tags.
        let text = without_tags(member["text"].as_str().unwrap_or_default(), &tags);
        let data = &member["data"];
        let label = data["label"].as_str().map(str::to_string);
        let by = data["by"].as_str().map(str::to_string);
        // argwalk's export: "label: text (¶2) (claimed by X)".
        let mut text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(b) = &by
            && let Some(rest) = text.strip_suffix(&format!(" (claimed by {b})"))
        {
            text = rest.to_string();
        }
        let (mut text, paras) = trailing_cites(&text);
        if let Some(l) = &label
            && let Some(rest) = text.strip_prefix(&format!("{l}: "))
        {
            text = rest.to_string();
        }
        let quotes: Vec<String> = member["data"]["quotes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|q| q.as_str().map(str::to_string))
            .collect();
        // argwalk's export gives each quote's paragraph (`quoted`); the paragraphs self.cited
        // without a quote follow.
        let quoted: Vec<usize> = data["quoted"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_u64().and_then(|p| usize::try_from(p).ok()))
            .collect();
        let mut cites: Vec<(usize, Option<String>)> = Vec::new();
        for (q, &p) in quotes.iter().zip(&quoted) {
            self.cited.entry(p).or_default().push(q.clone());
            cites.push((p, Some(q.clone())));
        }
        for &p in paras.iter().filter(|p| !quoted.contains(p)) {
            self.cited.entry(p).or_default();
            cites.push((p, None));
        }
        self.index.insert(key.clone(), self.graph.claims.len());
        self.undercut_tags.push(tags.contains(&"undercut"));
        self.graph.claims.push(Claim {
            key: format!("[{key}]"),
            text,
            cites,
            example: data["kind"] == "evidence",
            raised: tags.contains(&"raised"),
            conceded: tags.contains(&"conceded"),
            place: format!("line {line}"),
            id: Some(key.clone()),
            merged: false,
            label,
            by,
            note: data["note"].as_str().map(str::to_string),
            tags: tags
                .iter()
                .filter(|t| !is_flag(t))
                .map(|t| (*t).to_string())
                .collect(),
            implicit: tags.contains(&"implicit"),
            answers: data["answers"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a.as_str().map(str::to_string))
                .collect(),
        });
        self.schemes.push(
            data["scheme"]
                .as_str()
                .and_then(crate::map::schemes::find)
                .map(|s| s.key),
        );
    }

    /// An argument written as a title and a description (`<Tired>: Homework tires them. +>
    /// [T]`), the commonest Argdown: a claim of its own, its description its text, its title
    /// its label, its tags kept, so what it supports or attacks is carried.
    fn described_argument(&mut self, title: &String, arg: &Value) {
        let has_pcs = arg["pcs"].as_array().is_some_and(|p| !p.is_empty());
        let description = arg["members"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|m| m["role"] == "argument-description")
            .find_map(|m| {
                m["text"]
                    .as_str()
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| (t, m))
            });
        let (Some((text, member)), false) = (description, has_pcs) else {
            return;
        };
        let tags = tags_of(arg);
        let text = without_tags(text, &tags)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        self.argument_claim
            .insert(title.clone(), self.graph.claims.len());
        self.undercut_tags.push(false);
        self.schemes.push(None);
        self.graph.claims.push(Claim {
            key: format!("<{title}>"),
            id: Some(title.clone()),
            text,
            place: format!("line {}", member["startLine"].as_u64().unwrap_or(0)),
            label: Some(title.clone()),
            raised: tags.contains(&"raised"),
            tags: tags
                .iter()
                .filter(|t| !is_flag(t))
                .map(|t| (*t).to_string())
                .collect(),
            ..Claim::default()
        });
    }

    /// The article: argwalk's own export gives it in its front matter, exactly; otherwise it
    /// is made of what the statements quote. Whether the document is argwalk's own export.
    fn article(&mut self, source: &str) -> bool {
        let article = front(source, "paragraphs");
        let own_export = article.is_some();
        let given = article
            .and_then(|v| serde_json::from_str::<Vec<String>>(&v).ok())
            .filter(|given| {
                !given.is_empty() && self.cited.keys().all(|&p| (1..=given.len()).contains(&p))
            });
        if let Some(given) = given {
            self.graph.paragraphs = given;
        } else if self.cited.is_empty() {
            // No paragraphs named: each statement is a paragraph of the article, quoted whole.
            for c in &mut self.graph.claims {
                self.graph.paragraphs.push(c.text.clone());
                c.cites = vec![(self.graph.paragraphs.len(), Some(c.text.clone()))];
            }
        } else {
            // The paragraphs self.cited, each made of the words quoted from it (or, with none, of the
            // claims citing it); a paragraph nothing names is said to be missing.
            let last = self.cited.keys().copied().max().unwrap_or(0);
            for p in 1..=last {
                let quoted = self.cited.get(&p).cloned().unwrap_or_default();
                let text = if quoted.is_empty() {
                    let claims: Vec<&str> = self
                        .graph
                        .claims
                        .iter()
                        .filter(|c| c.cites.iter().any(|(q, _)| *q == p))
                        .map(|c| c.text.as_str())
                        .collect();
                    if claims.is_empty() {
                        format!("(Paragraph {p} of the article is not in the Argdown source.)")
                    } else {
                        claims.join(" … ")
                    }
                } else {
                    quoted.join(" … ")
                };
                self.graph.paragraphs.push(text);
            }
        }
        own_export
    }

    /// An argument with a premise-conclusion structure: each inference makes the statements it uses
    /// (those since the one before, and that one's conclusion; or those its `uses` names) a
    /// linked group supporting its conclusion; an intermediate conclusion is a node of its own.
    /// A premise two arguments share is written once for each, so their inferences stay apart
    /// (argwalk's tree holds a node under one claim, in one linked group).
    /// `used` says which argument each premise was first used in.
    fn structured_argument(
        &mut self,
        title: &String,
        arg: &Value,
        own_export: bool,
        used: &mut HashMap<usize, String>,
    ) {
        let pcs: Vec<&Value> = arg["members"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|m| m["pcs"].as_array().into_iter().flatten())
            .collect();
        if pcs.is_empty() {
            if !self.argument_claim.contains_key(title) {
                self.graph.lost.push(Lost {
                    place: format!("argument <{title}>"),
                    what: format!(
                        "the argument <{title}> has neither a description nor a premise-conclusion structure"
                    ),
                });
            }
            return;
        }
        let at = |s: &Value| s["title"].as_str().and_then(|t| self.index.get(t)).copied();
        let mut main = None;
        let mut since = 0;
        let mut last_conclusion: Option<usize> = None;
        for (k, st) in pcs.iter().enumerate() {
            let Some(inference) = st.get("inference").filter(|i| i.is_object()) else {
                continue;
            };
            let Some(conclusion) = at(st) else {
                since = k + 1;
                continue;
            };
            let uses: Vec<usize> = inference["data"]["uses"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|u| u.as_u64().and_then(|u| usize::try_from(u).ok()))
                .filter_map(|u| pcs.get(u.checked_sub(1)?).and_then(|s| at(s)))
                .collect();
            let mut group: Vec<usize> = if uses.is_empty() {
                last_conclusion
                    .into_iter()
                    .chain(pcs[since..k].iter().filter_map(|s| at(s)))
                    .collect()
            } else {
                uses
            };
            group.dedup();
            // A premise another argument uses already: written again.
            for p in &mut group {
                if let Some(other) = used.get(p).filter(|o| *o != title) {
                    *p = again(
                        &mut self.graph,
                        (&mut self.schemes, &mut self.undercut_tags),
                        *p,
                        (other, title),
                    );
                }
            }
            for &p in &group {
                used.entry(p).or_insert_with(|| title.clone());
            }
            linked_support(&mut self.graph, &group, conclusion, title);
            let rules: Vec<&str> = inference["inferenceRules"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            // Not for argwalk's own export, whose arguments are the map's linked groups.
            if !own_export {
                concluded(&mut self.graph.claims[conclusion], title, &rules);
            }
            if st["role"] == "main-conclusion" {
                main = Some((group, conclusion));
            }
            last_conclusion = Some(conclusion);
            since = k + 1;
        }
        let Some((premises, conclusion)) = main else {
            self.graph.lost.push(Lost {
                place: format!("argument <{title}>"),
                what: format!(
                    "the argument <{title}> has no premise–conclusion structure argwalk can read"
                ),
            });
            return;
        };
        self.premises_of
            .insert(title.clone(), (premises, conclusion));
    }

    /// Relation `i` of the document: a support, an attack or an undercut between claims.
    fn relation(&mut self, i: usize, r: &Value) {
        let from = r["from"].as_str().unwrap_or_default();
        let to = r["to"].as_str().unwrap_or_default();
        let at = format!("relation {} ({from} to {to})", i + 1);
        let kind = r["relationType"].as_str().unwrap_or_default();
        // An argument stands for its claim: its description's, or its main conclusion.
        let claim_of = |title: &str, kind: &Value| {
            if kind == "equivalence-class" {
                self.index.get(title).copied()
            } else {
                self.argument_claim
                    .get(title)
                    .copied()
                    .or_else(|| self.premises_of.get(title).map(|(_, c)| *c))
            }
        };
        let Some(f) = claim_of(from, &r["fromType"]) else {
            self.graph.lost.push(Lost {
                place: at,
                what: format!("a {kind} relation from {from}, which argwalk cannot find"),
            });
            return;
        };
        let to_type = r["toType"].as_str().unwrap_or_default();
        let (bears, t) = match (kind, to_type) {
            ("support", "equivalence-class" | "argument") => {
                (Bears::Supports, claim_of(to, &r["toType"]))
            }
            ("attack", "equivalence-class" | "argument") => {
                (Bears::Attacks, claim_of(to, &r["toType"]))
            }
            ("undercut", "inference") => (
                Bears::Undercuts,
                self.premises_of
                    .get(to)
                    .and_then(|(p, _)| p.first().copied()),
            ),
            // `<A> _> <B>` on an argument of a title and a description: its one step, from
            // its claim to what it bears on, is what is undercut.
            ("undercut", "argument") => (
                Bears::Undercuts,
                self.premises_of
                    .get(to)
                    .and_then(|(p, _)| p.first().copied())
                    .or_else(|| self.argument_claim.get(to).copied()),
            ),
            (kind, to_type) => {
                self.graph.lost.push(Lost {
                    place: at,
                    what: format!(
                        "a {kind} relation to a {to_type}, which argwalk has no link for"
                    ),
                });
                return;
            }
        };
        let Some(t) = t else {
            self.graph.lost.push(Lost {
                place: at,
                what: format!("a {kind} relation to {to}, which argwalk cannot find"),
            });
            return;
        };
        // An argument's premises are related to its conclusion already.
        if self
            .graph
            .relations
            .iter()
            .any(|x| x.from == f && x.to == t && x.bears == bears)
        {
            return;
        }
        self.graph.relations.push(Relation {
            from: f,
            to: t,
            bears,
            with: Vec::new(),
            place: at,
            scheme: None,
        });
    }

    /// The scheme of each step, as argwalk's export gives it on the step's premise (or
    /// counterpoint); an attack by a claim tagged #undercut undercuts the step of what it
    /// attacks.
    fn step_schemes(&mut self) {
        for r in &mut self.graph.relations {
            r.scheme = self.schemes.get(r.from).copied().flatten();
            if r.bears == Bears::Attacks && self.undercut_tags.get(r.from).copied().unwrap_or(false)
            {
                r.bears = Bears::Undercuts;
            }
        }
    }
}

/// Claim `p`, which argument `other` uses already, written again for argument `title` (with
/// its scheme and undercut tag), so that each argument's inference stays its own; the
/// copy's index.
fn again(
    graph: &mut Graph,
    (schemes, undercut_tags): (&mut Vec<Option<&'static str>>, &mut Vec<bool>),
    p: usize,
    (other, title): (&str, &str),
) -> usize {
    let mut copy = graph.claims[p].clone();
    copy.key = format!("{} (again, in <{title}>)", copy.key);
    copy.id = copy
        .id
        .map(|id| format!("{id}-again-{}", graph.claims.len()));
    copy.note = Some(format!(
        "The same statement as in <{other}>: written again so that <{title}>'s inference stays its own."
    ));
    undercut_tags.push(false);
    schemes.push(schemes.get(p).copied().flatten());
    graph.claims.push(copy);
    graph.claims.len() - 1
}

/// Says in `conclusion`'s note the argument it is concluded in, `title`, and its inference
/// `rules` (once, however often it is concluded so).
fn concluded(conclusion: &mut Claim, title: &str, rules: &[&str]) {
    let said = if rules.is_empty() {
        format!("Concluded in <{title}>.")
    } else {
        format!("In <{title}>, inferred by {}.", rules.join(", "))
    };
    conclusion.note = match conclusion.note.take() {
        Some(n) if n.contains(&said) => Some(n),
        Some(n) => Some(format!("{n} {said}")),
        None => Some(said),
    };
}

/// The premises of `group` supporting `conclusion` together, in argument `title`.
fn linked_support(graph: &mut Graph, group: &[usize], conclusion: usize, title: &str) {
    for &p in group {
        graph.relations.push(Relation {
            from: p,
            to: conclusion,
            bears: Bears::Supports,
            with: group.iter().copied().filter(|&o| o != p).collect(),
            place: format!("argument <{title}>"),
            scheme: None,
        });
    }
}
