//! What every importer reads its format into: claims, the article they are found in, and the
//! relations between them (support, attack, undercut, linked support); and how such a graph
//! becomes an argwalk map, rooted at one central claim, with what could not be carried listed.

use std::fmt::Write;

/// One claim of the source.
#[derive(Debug, Clone, Default)]
pub(crate) struct Claim {
    /// The source's own name for it ("a3", "T7", a node id), said in the map as a comment.
    pub key: String,
    pub text: String,
    /// Where the article says it: 1-based paragraph, and the exact words when known.
    pub cites: Vec<(usize, Option<String>)>,
    /// An example given in support: written as evidence.
    pub example: bool,
    /// A claim the author raises against his own position, to answer it.
    pub raised: bool,
    /// Where it is in the input, for messages ("line 12").
    pub place: String,
    /// The source's id for it, kept as the map's id when every claim has a usable one of its
    /// own (an argwalk export read back keeps its ids).
    pub id: Option<String>,
    /// The author grants it (an argwalk export read back).
    pub conceded: bool,
    /// Merged into another claim, and said so: not reported as unconnected.
    pub merged: bool,
    /// What argwalk's own exports carry beside the text: a label, who makes the claim, the
    /// mapper's note, tags, and whether it is implicit.
    pub label: Option<String>,
    pub by: Option<String>,
    pub note: Option<String>,
    pub tags: Vec<String>,
    pub implicit: bool,
    /// The critical questions of the step it bears on that it answers (an argwalk export).
    pub answers: Vec<String>,
}

/// How one claim bears on another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bears {
    Supports,
    Attacks,
    /// Attacks the step from `to` to what `to` supports.
    Undercuts,
}

/// One relation between claims (indices into [`Graph::claims`]).
#[derive(Debug, Clone)]
pub(crate) struct Relation {
    pub from: usize,
    pub to: usize,
    pub bears: Bears,
    /// For a support: the other claims that support `to` together with `from` (linked).
    pub with: Vec<usize>,
    pub place: String,
    /// For a support: the argumentation scheme of the step (a key of [`crate::map::schemes`]).
    pub scheme: Option<&'static str>,
}

/// Something of the input the map cannot hold, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    pub place: String,
    pub what: String,
}

/// A source read into claims and relations.
#[derive(Debug, Clone, Default)]
pub(crate) struct Graph {
    pub title: String,
    pub author: Option<String>,
    /// Where and when the article appeared, as argwalk's own exports carry them.
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub paragraphs: Vec<String>,
    /// Paragraphs outside the argument (1-based), as argwalk's own exports say.
    pub outside: Vec<usize>,
    pub claims: Vec<Claim>,
    pub relations: Vec<Relation>,
    pub lost: Vec<Lost>,
    /// What is carried, but worth a word to the user (a thesis annotated as the opponent's, a
    /// linked attack written as support of the attacker).
    pub notes: Vec<Lost>,
    /// The central claim the format names (brat's major claim), a root even when nothing
    /// bears on it.
    pub central: Option<usize>,
}

/// A TOML string, escaped by the toml crate (quotes, backslashes, controls).
/// The tree a map makes of the graph: each claim's parent and how it bears on it, whether it
/// is placed, the order it was reached in, its id and its kind's table.
struct Placed {
    parent: Vec<Option<(usize, Bears)>>,
    placed: Vec<bool>,
    order: Vec<usize>,
    id: Vec<String>,
    table: Vec<&'static str>,
}

fn s(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

impl Graph {
    /// The claims nothing leads from: each relation's source bears on something, so a root is a
    /// claim that is no relation's source, and that something bears on (or stands alone when
    /// the graph has one claim).
    pub fn roots(&self) -> Vec<usize> {
        let mut source = vec![false; self.claims.len()];
        let mut target = vec![false; self.claims.len()];
        for r in &self.relations {
            source[r.from] = true;
            target[r.to] = true;
        }
        let roots: Vec<usize> = (0..self.claims.len())
            .filter(|&c| {
                !source[c] && (target[c] || self.claims.len() == 1 || self.central == Some(c))
            })
            .collect();
        roots
    }

    /// The map rooted at `root`, as TOML beside the article `text_file`, and what of the graph
    /// it could not hold.
    ///
    /// `elsewhere` marks the claims another map made from this graph holds (another central
    /// claim's): not reported as lost from this one.
    pub fn to_map(
        &self,
        root: usize,
        text_file: &str,
        from: &str,
        elsewhere: &[bool],
    ) -> (String, Vec<Lost>) {
        let mut lost = self.lost.clone();
        for r in self.relations.iter().filter(|r| r.from == r.to) {
            lost.push(Lost {
                place: r.place.clone(),
                what: format!(
                    "{} bears on itself, which no argument can",
                    describe(&self.claims[r.from])
                ),
            });
        }
        let (incoming_of, outgoing_of) = self.by_claim();
        let mut tree = self.place(root, &incoming_of);
        self.leave_out(&mut tree, elsewhere, &mut lost);
        let mut out = self.source_table(text_file, from);
        for &c in tree.order.iter().filter(|&&c| tree.placed[c]) {
            self.write_claim(&tree, c, &outgoing_of, from, &mut out, &mut lost);
        }
        (out, lost)
    }

    /// The tree from `root`: breadth first over the relations that bear on each placed
    /// claim, the first that reaches a claim placing it (later ones are cross-links); each
    /// claim's kind and id.
    fn place(&self, root: usize, incoming_of: &[Vec<usize>]) -> Placed {
        let n = self.claims.len();
        let mut parent: Vec<Option<(usize, Bears)>> = vec![None; n];
        let mut placed = vec![false; n];
        let mut order = vec![root];
        placed[root] = true;
        let mut k = 0;
        while k < order.len() {
            let at = order[k];
            k += 1;
            // In the source's order of claims, as the article presents them.
            let mut incoming: Vec<&Relation> = incoming_of[at]
                .iter()
                .map(|&i| &self.relations[i])
                .filter(|r| r.from != r.to)
                .collect();
            incoming.sort_by_key(|r| r.from);
            for r in incoming {
                if !placed[r.from] {
                    placed[r.from] = true;
                    parent[r.from] = Some((at, r.bears));
                    order.push(r.from);
                }
            }
        }
        // Kinds and ids: T, then P, E, O (against a claim of the case), R (against a
        // counterpoint), U (undercuts), numbered in reading order.
        let mut counter = std::collections::HashMap::new();
        let mut id = vec![String::new(); n];
        let usable = |i: &str| {
            !i.is_empty()
                && i.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        let hinted: Vec<&str> = order
            .iter()
            .filter_map(|&c| self.claims[c].id.as_deref())
            .collect();
        let keep_ids = hinted.len() == order.len()
            && hinted.iter().all(|i| usable(i))
            && hinted
                .iter()
                .collect::<std::collections::HashSet<_>>()
                .len()
                == hinted.len();
        let mut table = vec![""; n];
        let mut counterpoint = vec![false; n];
        for &c in &order {
            let (letter, kind) = match parent[c] {
                None => ("T", "thesis"),
                Some((_, Bears::Undercuts)) => ("U", "counterpoint"),
                Some((p, Bears::Attacks)) if counterpoint[p] => ("R", "counterpoint"),
                Some((_, Bears::Attacks)) => ("O", "counterpoint"),
                Some(_) if self.claims[c].example => ("E", "evidence"),
                Some(_) => ("P", "premise"),
            };
            counterpoint[c] = kind == "counterpoint";
            table[c] = kind;
            id[c] = if keep_ids {
                self.claims[c].id.clone().unwrap_or_default()
            } else if letter == "T" {
                "T".to_string()
            } else {
                let k = counter.entry(letter).or_insert(0);
                *k += 1;
                format!("{letter}{k}")
            };
        }
        Placed {
            parent,
            placed,
            order,
            id,
            table,
        }
    }

    /// Leaves out what the tree cannot hold (an undercut of the thesis, a support of
    /// evidence, and what hangs from either) and says what is not connected to the root
    /// (unless another map of the same input, `elsewhere`, holds it).
    fn leave_out(&self, tree: &mut Placed, elsewhere: &[bool], lost: &mut Vec<Lost>) {
        let n = self.claims.len();
        // An undercut of the thesis has no step to attack; evidence cannot be supported.
        for &c in &tree.order {
            if let Some((p, bears)) = tree.parent[c] {
                let problem = match bears {
                    Bears::Undercuts if tree.parent[p].is_none() => {
                        Some("an undercut of the central claim, which supports nothing")
                    }
                    Bears::Supports if tree.table[p] == "evidence" => {
                        Some("a support of an example, which argwalk keeps as evidence (a leaf)")
                    }
                    _ => None,
                };
                if let Some(why) = problem {
                    lost.push(Lost {
                        place: self.claims[c].place.clone(),
                        what: format!("{} is left out: {why}", describe(&self.claims[c])),
                    });
                    tree.placed[c] = false;
                }
            }
        }
        // What hangs from a claim left out is left out with it.
        for &c in &tree.order {
            if let Some((p, _)) = tree.parent[c]
                && !tree.placed[p]
                && tree.placed[c]
            {
                tree.placed[c] = false;
                lost.push(Lost {
                    place: self.claims[c].place.clone(),
                    what: format!(
                        "{} is left out with what it bears on",
                        describe(&self.claims[c])
                    ),
                });
            }
        }
        let mut reached = vec![false; n];
        for &c in &tree.order {
            reached[c] = true;
        }
        for (c, claim) in self.claims.iter().enumerate() {
            if !reached[c] && !claim.merged && !elsewhere.get(c).copied().unwrap_or(false) {
                lost.push(Lost {
                    place: claim.place.clone(),
                    what: format!("{} is not connected to the central claim", describe(claim)),
                });
            }
        }
    }

    /// The map's `[source]` table, under a line that says where it came from.
    fn source_table(&self, text_file: &str, from: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# Imported by argwalk from {from}: check it with `argwalk check`, read it with `argwalk`."
        );
        let _ = writeln!(out, "[source]\ntitle = {}", s(&self.title));
        for (key, value) in [
            ("author", &self.author),
            ("publisher", &self.publisher),
            ("date", &self.date),
            ("url", &self.url),
        ] {
            if let Some(v) = value.as_ref().filter(|v| !v.trim().is_empty()) {
                let _ = writeln!(out, "{key} = {}", s(v));
            }
        }
        let _ = writeln!(out, "text_file = {}", s(text_file));
        let outside: Vec<String> = self
            .outside
            .iter()
            .filter(|&&p| (1..=self.paragraphs.len()).contains(&p))
            .map(usize::to_string)
            .collect();
        if !outside.is_empty() {
            let _ = writeln!(out, "outside = [{}]", outside.join(", "));
        }
        out
    }

    /// The table of placed claim `c`: its kind, id, links, flags, text and citations.
    fn write_claim(
        &self,
        tree: &Placed,
        c: usize,
        outgoing_of: &[Vec<usize>],
        from: &str,
        out: &mut String,
        lost: &mut Vec<Lost>,
    ) {
        let claim = &self.claims[c];
        let header = if tree.table[c] == "thesis" {
            "\n[thesis]".to_string()
        } else {
            format!("\n[[{}]]", tree.table[c])
        };
        let _ = writeln!(out, "{header}\n# {}: {}", from, one_line(&claim.key));
        let _ = writeln!(out, "id = \"{}\"", tree.id[c]);
        self.write_links(tree, c, outgoing_of, out, lost);
        if let Some(l) = &claim.label {
            let _ = writeln!(out, "label = {}", s(l));
        }
        if let Some(b) = claim
            .by
            .as_ref()
            .filter(|_| !(claim.raised && tree.table[c] == "counterpoint"))
        {
            let _ = writeln!(out, "by = {}", s(b));
        }
        if claim.implicit && matches!(tree.table[c], "premise" | "counterpoint") {
            out.push_str("implicit = true\n");
        }
        if !claim.tags.is_empty() {
            let list: Vec<String> = claim.tags.iter().map(|t| s(t)).collect();
            let _ = writeln!(out, "tags = [{}]", list.join(", "));
        }
        if !claim.answers.is_empty() && tree.table[c] != "thesis" {
            let list: Vec<String> = claim.answers.iter().map(|a| s(a)).collect();
            let _ = writeln!(out, "answers = [{}]", list.join(", "));
        }
        if let Some(n) = &claim.note {
            let _ = writeln!(out, "note = {}", s(n));
        }
        let _ = writeln!(out, "text = {}", s(&claim.text));
        let cites: Vec<String> = claim
            .cites
            .iter()
            .map(|(p, q)| match q {
                Some(q) => format!("{{ para = {p}, quote = {} }}", s(q)),
                None => p.to_string(),
            })
            .collect();
        if !cites.is_empty() {
            let _ = writeln!(out, "cite = [{}]", cites.join(", "));
        }
    }

    /// The links of placed claim `c`: to its parent in the tree (as it bears on it) and its
    /// cross-links, linked partners and scheme; what the map cannot hold, said in `lost`.
    fn write_links(
        &self,
        tree: &Placed,
        c: usize,
        outgoing_of: &[Vec<usize>],
        out: &mut String,
        lost: &mut Vec<Lost>,
    ) {
        let Some((p, bears)) = tree.parent[c] else {
            return;
        };
        let claim = &self.claims[c];
        // The tree link first, then the cross-links of the same kind.
        let key = match bears {
            Bears::Supports => "supports",
            Bears::Attacks => "attacks",
            Bears::Undercuts => "undercuts",
        };
        let mut targets = vec![tree.id[p].clone()];
        // A premise may also attack (the objections it answers).
        let mut attacks: Vec<String> = Vec::new();
        // A cross-link into the claim's own subtree would close a circle.
        let below = |t: usize| {
            let mut at = Some(t);
            while let Some(x) = at {
                if x == c {
                    return true;
                }
                at = tree.parent[x].map(|(q, _)| q);
            }
            false
        };
        for r in outgoing_of[c]
            .iter()
            .map(|&i| &self.relations[i])
            .filter(|r| r.to != p && r.to != c && tree.placed[r.to])
        {
            let supports_evidence = r.bears == Bears::Supports && tree.table[r.to] == "evidence";
            if below(r.to) || supports_evidence || r.bears == Bears::Undercuts {
                lost.push(Lost {
                    place: r.place.clone(),
                    what: format!(
                        "a further relation of {} (to {}), which argwalk cannot add to the tree it has",
                        describe(claim),
                        describe(&self.claims[r.to])
                    ),
                });
            } else if r.bears == bears && bears != Bears::Undercuts {
                targets.push(tree.id[r.to].clone());
            } else if r.bears == Bears::Attacks && tree.table[c] == "premise" {
                attacks.push(tree.id[r.to].clone());
            } else {
                lost.push(Lost {
                    place: r.place.clone(),
                    what: format!(
                        "a second relation of {} (to {}): {}",
                        describe(claim),
                        describe(&self.claims[r.to]),
                        "argwalk keeps one kind of link per claim (a premise may also attack)"
                    ),
                });
            }
        }
        if targets.len() == 1 {
            let _ = writeln!(out, "{key} = \"{}\"", targets[0]);
        } else {
            let list: Vec<String> = targets.iter().map(|t| format!("\"{t}\"")).collect();
            let _ = writeln!(out, "{key} = [{}]", list.join(", "));
        }
        if !attacks.is_empty() {
            let list: Vec<String> = attacks.iter().map(|t| format!("\"{t}\"")).collect();
            let _ = writeln!(out, "attacks = [{}]", list.join(", "));
        }
        // Linked partners under the same claim.
        if bears == Bears::Supports {
            self.write_partners(tree, c, p, outgoing_of, out, lost);
        }
        // The step's scheme, named once for a linked group: by its first member.
        let step = outgoing_of[c]
            .iter()
            .map(|&i| &self.relations[i])
            .find(|r| r.to == p && r.bears == bears && r.scheme.is_some());
        if let Some((r, key)) = step.and_then(|r| Some((r, r.scheme?)))
            && r.with.iter().all(|&w| w > c || !tree.placed[w])
        {
            let _ = writeln!(out, "scheme = \"{key}\"");
        }
        if claim.raised && tree.table[c] == "counterpoint" {
            out.push_str("raised = true\n");
        }
        if claim.conceded && tree.table[c] == "counterpoint" {
            out.push_str("conceded = true\n");
        }
    }

    /// The claims placed claim `c` supports `p` together with (`with`); a partner the map
    /// does not place beside it under `p`, said in `lost`.
    fn write_partners(
        &self,
        tree: &Placed,
        c: usize,
        p: usize,
        outgoing_of: &[Vec<usize>],
        out: &mut String,
        lost: &mut Vec<Lost>,
    ) {
        let claim = &self.claims[c];
        let mut with: Vec<&str> = Vec::new();
        for r in outgoing_of[c]
            .iter()
            .map(|&i| &self.relations[i])
            .filter(|r| r.to == p && r.bears == Bears::Supports)
        {
            for &w in &r.with {
                if tree.placed[w]
                    && tree.parent[w].map(|(q, _)| q) == Some(p)
                    && matches!(tree.table[w], "premise" | "evidence")
                {
                    if !with.contains(&tree.id[w].as_str()) {
                        with.push(&tree.id[w]);
                    }
                } else {
                    lost.push(Lost {
                        place: r.place.clone(),
                        what: format!(
                            "{} supports {} together with {}, which does not support it in the map",
                            describe(claim),
                            describe(&self.claims[p]),
                            describe(&self.claims[w])
                        ),
                    });
                }
            }
        }
        if !with.is_empty() {
            let list: Vec<String> = with.iter().map(|t| format!("\"{t}\"")).collect();
            let _ = writeln!(out, "with = [{}]", list.join(", "));
        }
    }

    /// The relations by the claim they bear on, and by the claim they come from (indices into
    /// `relations`, in their order): made once, so that walking the graph is linear in it
    /// (scanning every relation for each claim made a 3,000-claim chain take seconds).
    fn by_claim(&self) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
        let n = self.claims.len();
        let (mut to, mut from) = (vec![Vec::new(); n], vec![Vec::new(); n]);
        for (i, r) in self.relations.iter().enumerate() {
            if let Some(list) = to.get_mut(r.to) {
                list.push(i);
            }
            if let Some(list) = from.get_mut(r.from) {
                list.push(i);
            }
        }
        (to, from)
    }

    /// The claims that lead to `root`, itself among them: what a map rooted there holds.
    pub fn behind(&self, root: usize) -> Vec<bool> {
        let (incoming, _) = self.by_claim();
        let mut seen = vec![false; self.claims.len()];
        let mut stack = vec![root];
        while let Some(c) = stack.pop() {
            if std::mem::replace(&mut seen[c], true) {
                continue;
            }
            stack.extend(incoming[c].iter().map(|&i| self.relations[i].from));
        }
        seen
    }

    /// The article as a text file: paragraphs separated by blank lines.
    pub fn article(&self) -> String {
        let mut out = String::new();
        for p in &self.paragraphs {
            // A blank line inside a paragraph would split it: its lines are joined.
            let joined = p.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push_str(&joined);
            out.push_str("\n\n");
        }
        out
    }
}

/// A claim in a message: its key and the start of its text.
fn describe(c: &Claim) -> String {
    let text: String = c.text.chars().take(40).collect();
    let more = if c.text.chars().count() > 40 {
        "…"
    } else {
        ""
    };
    format!("{} \"{}{more}\"", one_line(&c.key), one_line(&text))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
