//! The validated argument tree: nodes, citations, the walk order and who cites each paragraph.
//!
//! Knows nothing of TOML or terminals. Everything here is built once, in time linear in the
//! size of the map, so that the reader never has to search the whole map while drawing.

use std::ops::Range;

use serde::Serialize;

/// Index of a node in [`ArgumentMap::nodes`].
pub type NodeIx = usize;

/// The four kinds of node an author writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Thesis,
    Premise,
    Evidence,
    Counterpoint,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Thesis => "thesis",
            Kind::Premise => "premise",
            Kind::Evidence => "evidence",
            Kind::Counterpoint => "counterpoint",
        }
    }
}

/// What a node does in the argument, derived from its kind and what it hangs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Thesis,
    Premise,
    Evidence,
    /// A counterpoint against a thesis, premise or evidence.
    Objection,
    /// A counterpoint against another counterpoint.
    Rebuttal,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Thesis => "Thesis",
            Role::Premise => "Premise",
            Role::Evidence => "Evidence",
            Role::Objection => "Objection",
            Role::Rebuttal => "Rebuttal",
        }
    }

    /// True for roles that argue against their parent.
    pub fn attacks(self) -> bool {
        matches!(self, Role::Objection | Role::Rebuttal)
    }
}

/// One numbered paragraph of the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// 1-based, as the author cites it.
    pub number: usize,
    pub text: String,
    /// A caption, disclaimer or similar: numbered, shown dimmed, not expected to be cited.
    pub outside: bool,
    /// The 1-based line where the paragraph starts in the file holding it (the article's
    /// `text_file`, or the map for inline paragraphs), for the editor; 0 when unknown.
    #[serde(skip)]
    pub line: usize,
}

/// The article a map describes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Source {
    pub title: String,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    /// The article's file as the map names it (relative to the map's folder), when the text is
    /// not inline.
    #[serde(skip)]
    pub text_file: Option<String>,
}

/// An exact quote, found in one cited paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    pub text: String,
    /// 1-based number of the paragraph the quote was found in.
    pub paragraph: usize,
    /// Byte range of the quote in that paragraph's text.
    pub range: Range<usize>,
}

/// A node's reference to one paragraph or a range of paragraphs, 1-based and inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub first: usize,
    pub last: usize,
    pub quote: Option<Quote>,
}

impl Citation {
    pub fn paragraphs(&self) -> std::ops::RangeInclusive<usize> {
        self.first..=self.last
    }

    /// "¶7" or "¶7–9".
    pub fn label(&self, pilcrow: &str, dash: &str) -> String {
        if self.first == self.last {
            format!("{pilcrow}{}", self.first)
        } else {
            format!("{pilcrow}{}{dash}{}", self.first, self.last)
        }
    }
}

/// How one node bears on another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Link {
    Supports,
    Attacks,
}

impl Link {
    pub fn verb(self) -> &'static str {
        match self {
            Link::Supports => "supports",
            Link::Attacks => "attacks",
        }
    }
}

/// A node of the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    pub id: String,
    pub kind: Kind,
    pub role: Role,
    pub label: Option<String>,
    pub text: String,
    pub parent: Option<NodeIx>,
    /// In authored order.
    pub children: Vec<NodeIx>,
    /// Cross-links: further nodes this one supports or attacks, beside its parent.
    pub also: Vec<(NodeIx, Link)>,
    /// The nodes that bear on this one by a cross-link.
    pub linked_by: Vec<(NodeIx, Link)>,
    /// Who makes the claim, when it is not the article's author.
    pub by: Option<String>,
    /// 0 for the thesis.
    pub depth: usize,
    pub citations: Vec<Citation>,
    pub tags: Vec<String>,
    pub implicit: bool,
    pub conceded: bool,
    pub note: Option<String>,
    /// The other members of this node's linked group: the nodes it supports its parent
    /// together with, in reading order (empty for independent support).
    pub linked: Vec<NodeIx>,
    /// A counterpoint that attacks the step from its parent to the parent's claim (an
    /// undercut), not the parent itself.
    pub undercuts: bool,
    /// A counterpoint the author raises himself, to answer it ("It may be objected that…").
    pub raised: bool,
    /// The key of the argumentation scheme of this node's step to its claim
    /// ([`crate::map::schemes`]); a linked group shares one.
    pub scheme: Option<String>,
    /// The critical questions of the step this node bears on that it answers.
    pub answers: Vec<String>,
    /// Position of this node in [`ArgumentMap::walk`].
    pub step: usize,
    /// The 1-based line of the node's table header in the map file; 0 when unknown.
    #[serde(skip)]
    pub line: usize,
}

/// Fills in each node's linked group, without itself, in reading order: the nodes joined by
/// `with` (either way, and through one another) that support the same parent. Only the nodes
/// a `with` names are grouped: a map of independent premises makes no groups at all (the
/// 16 MiB chain's 145,000 single-node groups were 10 MB for nothing).
fn linked_groups(nodes: &mut [Node], with: &[Vec<NodeIx>]) {
    // Union-find over the `with` links: small groups, near-linear.
    let mut root: std::collections::HashMap<NodeIx, NodeIx> = Default::default();
    fn find(root: &mut std::collections::HashMap<NodeIx, NodeIx>, mut x: NodeIx) -> NodeIx {
        while let Some(&up) = root.get(&x).filter(|&&up| up != x) {
            let grand = root.get(&up).copied().unwrap_or(up);
            root.insert(x, grand);
            x = up;
        }
        x
    }
    for (ix, partners) in with.iter().enumerate() {
        for &other in partners {
            if nodes
                .get(other)
                .is_some_and(|o| o.parent == nodes[ix].parent)
            {
                root.entry(ix).or_insert(ix);
                root.entry(other).or_insert(other);
                let (a, b) = (find(&mut root, ix), find(&mut root, other));
                root.insert(a, b);
            }
        }
    }
    let joined: Vec<NodeIx> = root.keys().copied().collect();
    let mut members: std::collections::HashMap<NodeIx, Vec<NodeIx>> = Default::default();
    for ix in joined {
        let r = find(&mut root, ix);
        members.entry(r).or_default().push(ix);
    }
    for mut group in members.into_values().filter(|g| g.len() > 1) {
        group.sort_by_key(|&ix| nodes[ix].step);
        for &ix in &group {
            nodes[ix].linked = group.iter().copied().filter(|&o| o != ix).collect();
        }
    }
}

impl Source {
    /// "author · publisher · date", with what the map gives; `None` when it gives none.
    pub fn byline(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.author, &self.publisher, &self.date]
            .into_iter()
            .filter_map(|f| f.as_deref())
            .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}

impl Node {
    /// Where the node cites, each place once ("¶4", "¶7–9"): two quotes from one paragraph
    /// are two citations but one place to look.
    pub fn cite_labels(&self, pilcrow: &str, dash: &str) -> Vec<String> {
        let mut labels: Vec<String> = Vec::with_capacity(self.citations.len());
        for c in &self.citations {
            let label = c.label(pilcrow, dash);
            if !labels.contains(&label) {
                labels.push(label);
            }
        }
        labels
    }

    /// " (¶4, ¶7–9)": where the node cites, as exports and cards write it; empty without any.
    pub fn cites_label(&self) -> String {
        let labels = self.cite_labels("¶", "–");
        if labels.is_empty() {
            String::new()
        } else {
            format!(" ({})", labels.join(", "))
        }
    }

    /// What a search looks in: the id, the label and the text.
    pub fn searched(&self) -> impl Iterator<Item = &str> {
        [
            Some(self.id.as_str()),
            self.label.as_deref(),
            Some(self.text.as_str()),
        ]
        .into_iter()
        .flatten()
    }

    /// The label if the author gave one, else the text.
    pub fn headline(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.text)
    }

    /// The numbers of the paragraphs this node cites, ascending, each once.
    pub fn cited_paragraphs(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .citations
            .iter()
            .flat_map(Citation::paragraphs)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    pub fn cites(&self, paragraph: usize) -> bool {
        self.citations
            .iter()
            .any(|c| c.paragraphs().contains(&paragraph))
    }
}

/// A whole validated map. Its JSON form (`argwalk outline --json`) is this structure as is:
/// `parent`, `children`, `thesis`, `walk` and `cited_by` hold indices into `nodes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArgumentMap {
    pub source: Source,
    /// In authored order; the thesis is [`ArgumentMap::thesis`].
    pub nodes: Vec<Node>,
    pub thesis: NodeIx,
    /// Reading order: the thesis, then each child subtree depth first, children in authored order.
    pub walk: Vec<NodeIx>,
    /// For paragraph number `n`, the nodes citing it are `cited_by[n - 1]`, in walk order.
    pub cited_by: Vec<Vec<NodeIx>>,
    /// The nodes in the order of their ids: [`ArgumentMap::find`] is asked on every reload,
    /// follow and weak-spot choice, and was a scan of the whole map (10,000 string
    /// comparisons). A sorted list of indices rather than a table of copied ids: 8 bytes a
    /// node, where the table took some 80 (the 16 MiB chain's 145,000 ids, 11 MB).
    #[serde(skip)]
    index: Vec<NodeIx>,
}

impl ArgumentMap {
    /// A map with nothing in it, to stand in where a map was moved out.
    pub fn empty() -> Self {
        Self {
            source: Source::default(),
            nodes: Vec::new(),
            thesis: 0,
            walk: Vec::new(),
            cited_by: Vec::new(),
            index: Default::default(),
        }
    }

    /// Indexes the nodes by id again, after their ids were rewritten (transliterated).
    pub fn reindex(&mut self) {
        let mut index: Vec<NodeIx> = (0..self.nodes.len()).collect();
        index.sort_unstable_by(|&a, &b| self.nodes[a].id.cmp(&self.nodes[b].id));
        self.index = index;
    }

    /// Builds the tree from validated nodes, filling in what follows from the tree (children,
    /// depth, walk and step, role, linked groups from `with`, cross-links received): every
    /// parent exists, the links form a tree rooted at `thesis`, and every citation names an
    /// existing paragraph (the loader checks all three). The nodes are filled where they are:
    /// a large map is not copied.
    pub fn build(
        source: Source,
        mut nodes: Vec<Node>,
        with: Vec<Vec<NodeIx>>,
        thesis: NodeIx,
    ) -> Self {
        // Filled in place, in the nodes themselves: no table a node long is made and moved in
        // (on the 16 MiB chain those were some 15 MB at the peak of loading).
        for ix in 0..nodes.len() {
            if let Some(p) = nodes[ix].parent {
                nodes[p].children.push(ix);
            }
        }
        let mut walk = Vec::with_capacity(nodes.len());
        if let Some(t) = nodes.get_mut(thesis) {
            t.depth = 0;
        }
        let mut stack = vec![thesis];
        while let Some(ix) = stack.pop() {
            walk.push(ix);
            let depth = nodes[ix].depth + 1;
            for i in (0..nodes[ix].children.len()).rev() {
                let child = nodes[ix].children[i];
                nodes[child].depth = depth;
                stack.push(child);
            }
        }
        for (i, &ix) in walk.iter().enumerate() {
            nodes[ix].step = i;
        }
        let mut cited_by = vec![Vec::new(); source.paragraphs.len()];
        for &ix in &walk {
            let mut last_pushed = 0;
            for c in &nodes[ix].citations {
                for n in c.paragraphs() {
                    if n != last_pushed && (1..=cited_by.len()).contains(&n) {
                        let list: &mut Vec<NodeIx> = &mut cited_by[n - 1];
                        if list.last() != Some(&ix) {
                            list.push(ix);
                        }
                        last_pushed = n;
                    }
                }
            }
        }
        linked_groups(&mut nodes, &with);
        drop(with);
        for ix in 0..nodes.len() {
            for k in 0..nodes[ix].also.len() {
                let (target, link) = nodes[ix].also[k];
                nodes[target].linked_by.push((ix, link));
            }
        }
        for ix in 0..nodes.len() {
            let parent_kind = nodes[ix].parent.map(|p| nodes[p].kind);
            let node = &mut nodes[ix];
            node.role = match node.kind {
                Kind::Thesis => Role::Thesis,
                Kind::Premise => Role::Premise,
                Kind::Evidence => Role::Evidence,
                Kind::Counterpoint => match parent_kind {
                    Some(Kind::Counterpoint) => Role::Rebuttal,
                    _ => Role::Objection,
                },
            };
        }
        let mut map = Self {
            source,
            nodes,
            thesis,
            walk,
            cited_by,
            index: Default::default(),
        };
        map.reindex();
        map
    }

    /// The nodes from the thesis down to `ix`, both included.
    pub fn path(&self, ix: NodeIx) -> Vec<NodeIx> {
        let mut path = vec![ix];
        let mut at = ix;
        while let Some(p) = self.nodes[at].parent {
            path.push(p);
            at = p;
        }
        path.reverse();
        path
    }

    /// The nodes that support `ix` and those that attack it: its children in authored order,
    /// then the nodes that bear on it by a cross-link.
    pub fn supporters_and_attackers(&self, ix: NodeIx) -> (Vec<NodeIx>, Vec<NodeIx>) {
        let (mut support, mut attack): (Vec<NodeIx>, Vec<NodeIx>) = self.nodes[ix]
            .children
            .iter()
            .partition(|&&c| !self.nodes[c].role.attacks());
        for &(from, link) in &self.nodes[ix].linked_by {
            match link {
                Link::Supports => support.push(from),
                Link::Attacks => attack.push(from),
            }
        }
        (support, attack)
    }

    /// The map's identity: its title and a hash of its article's text, as written (before
    /// any ASCII transliteration), so two sessions on the same argument agree whatever their
    /// display, and two maps that share a title do not.
    pub fn fingerprint(&self) -> String {
        let mut hash = Fnv::default();
        hash.write(self.source.title.as_bytes());
        for p in &self.source.paragraphs {
            hash.write(&[0]);
            hash.write(p.text.as_bytes());
        }
        format!("{:016x}", hash.0)
    }

    /// Whether node `ix` argues against the thesis: an odd number of attacks on its way up
    /// (an objection does; a rebuttal of it does not). The author argues the thesis, so such a
    /// claim is one the author rejects, or grants when it is conceded.
    pub fn against_thesis(&self, ix: NodeIx) -> bool {
        let mut against = false;
        let mut at = Some(ix);
        while let Some(i) = at {
            against ^= self.nodes[i].role.attacks();
            at = self.nodes[i].parent;
        }
        against
    }

    /// How node `ix` bears on its parent, in words and ids: "supports T", "supports T together
    /// with P2 and P3" (a linked inference), "attacks P1", "undercuts the step from P1 to T";
    /// `None` for the thesis.
    pub fn bearing(&self, ix: NodeIx) -> Option<String> {
        let n = &self.nodes[ix];
        let p = n.parent?;
        let parent = &self.nodes[p];
        Some(if n.undercuts {
            match parent.parent {
                Some(claim) => format!(
                    "undercuts the step from {} to {}",
                    parent.id, self.nodes[claim].id
                ),
                None => format!("undercuts {}", parent.id),
            }
        } else if n.role.attacks() {
            format!("attacks {}", parent.id)
        } else if n.linked.is_empty() {
            format!("supports {}", parent.id)
        } else {
            format!(
                "supports {} together with {}",
                parent.id,
                self.ids_in_words(&n.linked)
            )
        })
    }

    /// What counterpoint `ix` is against, by ids: "P1", or for an undercut "the step from P1
    /// to T".
    pub fn target_in_words(&self, ix: NodeIx) -> Option<String> {
        let n = &self.nodes[ix];
        let p = n.parent?;
        let parent = &self.nodes[p];
        Some(match (n.undercuts, parent.parent) {
            (true, Some(claim)) => {
                format!("the step from {} to {}", parent.id, self.nodes[claim].id)
            }
            _ => parent.id.clone(),
        })
    }

    /// The scheme of the step from `ix` (and its linked group) to its claim, if the map names
    /// one.
    pub fn scheme_of(&self, ix: NodeIx) -> Option<&'static crate::map::schemes::Scheme> {
        let n = &self.nodes[ix];
        std::iter::once(ix)
            .chain(n.linked.iter().copied())
            .find_map(|m| self.nodes[m].scheme.as_deref())
            .and_then(crate::map::schemes::find)
    }

    /// The critical questions of the step from `ix` (and its group) to its claim, each with
    /// the nodes of the map that answer it (none: open).
    /// The node whose step the critical questions of `ix` belong to: the one that names the
    /// scheme (`ix`, or a member of its linked group, which shares one step).
    pub fn question_owner(&self, ix: NodeIx) -> Option<NodeIx> {
        std::iter::once(ix)
            .chain(self.nodes[ix].linked.iter().copied())
            .find(|&m| self.nodes[m].scheme.is_some())
    }

    pub fn critical_questions(
        &self,
        ix: NodeIx,
    ) -> Vec<(&'static crate::map::schemes::Question, Vec<NodeIx>)> {
        let Some(scheme) = self.scheme_of(ix) else {
            return Vec::new();
        };
        let group: Vec<NodeIx> = std::iter::once(ix)
            .chain(self.nodes[ix].linked.iter().copied())
            .collect();
        scheme
            .questions
            .iter()
            .map(|q| {
                let by: Vec<NodeIx> = self
                    .walk
                    .iter()
                    .copied()
                    .filter(|&a| {
                        let n = &self.nodes[a];
                        n.parent.is_some_and(|p| group.contains(&p))
                            && n.answers.iter().any(|k| k == q.key)
                    })
                    .collect();
                (q, by)
            })
            .collect()
    }

    /// The critical questions of the step from `ix` that nothing in the map answers.
    pub fn open_questions(&self, ix: NodeIx) -> Vec<&'static crate::map::schemes::Question> {
        self.critical_questions(ix)
            .into_iter()
            .filter(|(_, by)| by.is_empty())
            .map(|(q, _)| q)
            .collect()
    }

    /// "P2", "P2 and P3", "P2, P3 and P4".
    pub fn ids_in_words(&self, ixs: &[NodeIx]) -> String {
        let ids: Vec<&str> = ixs.iter().map(|&i| self.nodes[i].id.as_str()).collect();
        match ids.split_last() {
            None => String::new(),
            Some((last, [])) => (*last).to_string(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        }
    }

    /// The node with id `id`.
    pub fn find(&self, id: &str) -> Option<NodeIx> {
        self.index
            .binary_search_by(|&ix| self.nodes[ix].id.as_str().cmp(id))
            .ok()
            .map(|at| self.index[at])
    }

    /// Nodes citing paragraph `number` (1-based), in walk order.
    pub fn citers(&self, number: usize) -> &[NodeIx] {
        number
            .checked_sub(1)
            .and_then(|i| self.cited_by.get(i))
            .map_or(&[], Vec::as_slice)
    }
}

/// FNV-1a, 64 bits: stable across runs, platforms and versions, unlike std's hasher, so what
/// it names (layer files, a map's fingerprint) is found again by the next argwalk.
pub(crate) struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub(crate) fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(id: &str, kind: Kind, parent: Option<NodeIx>, cite: usize) -> Node {
        Node {
            id: id.into(),
            kind,
            role: Role::Premise,
            children: Vec::new(),
            linked_by: Vec::new(),
            depth: 0,
            linked: Vec::new(),
            step: 0,
            label: None,
            text: format!("text of {id}"),
            parent,
            citations: vec![Citation {
                first: cite,
                last: cite,
                quote: None,
            }],
            tags: vec![],
            implicit: false,
            conceded: false,
            note: None,
            line: 0,
            also: Vec::new(),
            undercuts: false,
            raised: false,
            scheme: None,
            answers: Vec::new(),
            by: None,
        }
    }

    fn source(n: usize) -> Source {
        Source {
            title: "t".into(),
            paragraphs: (1..=n)
                .map(|number| Paragraph {
                    number,
                    text: format!("p{number}"),
                    outside: false,
                    line: 0,
                })
                .collect(),
            ..Source::default()
        }
    }

    #[test]
    fn walk_is_depth_first_in_authored_order() {
        // Authored: P1, P2, then E1 (of P1), O1 (against P2), R1 (against O1), T last.
        let drafts = vec![
            draft("P1", Kind::Premise, Some(5), 1),
            draft("P2", Kind::Premise, Some(5), 2),
            draft("E1", Kind::Evidence, Some(0), 1),
            draft("O1", Kind::Counterpoint, Some(1), 2),
            draft("R1", Kind::Counterpoint, Some(3), 3),
            draft("T", Kind::Thesis, None, 3),
        ];
        let map = ArgumentMap::build(source(3), drafts, vec![Vec::new(); 6], 5);
        let ids: Vec<&str> = map.walk.iter().map(|&i| map.nodes[i].id.as_str()).collect();
        assert_eq!(ids, ["T", "P1", "E1", "P2", "O1", "R1"]);
        assert_eq!(map.nodes[4].role, Role::Rebuttal);
        assert_eq!(map.nodes[3].role, Role::Objection);
        assert_eq!(map.nodes[4].depth, 3);
        assert_eq!(map.nodes[4].step, 5);
        assert_eq!(map.citers(2), &[1, 3]);
        assert_eq!(map.citers(3), &[5, 4]);
        assert_eq!(map.citers(4), &[] as &[NodeIx]);
        assert_eq!(map.path(4), vec![5, 1, 3, 4]);
        assert_eq!(map.supporters_and_attackers(1), (vec![], vec![3]));
    }
}
