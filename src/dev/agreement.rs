//! Checks `compare` against people: where three annotators mapped the same essays
//! independently (the agreement study of the Argument Annotated Essays, Stab and Gurevych
//! 2017), argwalk's alignment between each two of them should find what the annotations
//! themselves show (their spans matched directly), and the component types as hard to agree
//! on as the published agreement says: claims least. docs/PERFORMANCE.md has the figures;
//! `cargo run --example agreement` measures them.

use std::collections::HashMap;
use std::path::Path;

use crate::map::model::ArgumentMap;

/// The component types of the essays' annotation scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Type {
    MajorClaim,
    Claim,
    Premise,
}

impl Type {
    pub const ALL: [Type; 3] = [Type::MajorClaim, Type::Claim, Type::Premise];

    pub fn name(self) -> &'static str {
        match self {
            Type::MajorClaim => "MajorClaim",
            Type::Claim => "Claim",
            Type::Premise => "Premise",
        }
    }
}

/// One component an annotator marked: a `T` line of one of the three types.
#[derive(Debug, Clone)]
pub struct Span {
    pub id: String,
    pub kind: Type,
    /// Character offsets in the essay, first to last.
    pub range: std::ops::Range<usize>,
    /// The words it covers, as the `.ann` file gives them.
    pub text: String,
}

/// The components of an annotation, in its order: its `T` lines of the three types, with
/// their offsets read as argwalk's brat import reads them.
pub fn spans(ann: &str) -> Vec<Span> {
    ann.lines()
        .filter(|l| l.starts_with('T'))
        .filter_map(|l| {
            let mut fields = l.split('\t');
            let id = fields.next()?;
            let middle = fields.next()?;
            let name = middle.split_whitespace().next()?;
            let kind = match name {
                "MajorClaim" => Type::MajorClaim,
                "Claim" => Type::Claim,
                "Premise" => Type::Premise,
                _ => return None,
            };
            let (start, end) = crate::interchange::import::brat_offsets(middle.get(name.len()..)?)?;
            Some(Span {
                id: id.to_string(),
                kind,
                range: start..end,
                text: fields.next().unwrap_or_default().to_string(),
            })
        })
        .collect()
}

/// One annotator's annotation of an essay: the map made of it, and the type the annotator
/// gave each node (by its id).
pub struct Annotation {
    pub map: ArgumentMap,
    pub types: HashMap<String, Type>,
    /// The components as the annotator marked them, for the agreement of the spans
    /// themselves.
    pub spans: Vec<Span>,
}

impl Annotation {
    /// Reads `ann` over the essay `txt` into a map, as `argwalk import --attach` reads it (a
    /// premise no relation leads from under the claim of its paragraph). Each node's type is the
    /// one its span has in `ann` (the map's structure would not tell a claim from a premise
    /// placed under the major claim); the thesis, which holds every statement of the major
    /// claim, is the major claim.
    pub fn read(ann: &str, txt: &str, name: &str) -> Result<Self, String> {
        let map = crate::interchange::import::brat_map(ann, txt, name)?;
        let spans = spans(ann);
        let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let by_text: HashMap<String, Type> =
            spans.iter().map(|s| (words(&s.text), s.kind)).collect();
        let types = map
            .nodes
            .iter()
            .enumerate()
            .filter_map(|(ix, n)| {
                if ix == map.thesis {
                    return Some((n.id.clone(), Type::MajorClaim));
                }
                let quote = n.citations.iter().find_map(|c| c.quote.as_ref())?;
                Some((n.id.clone(), *by_text.get(&words(&quote.text))?))
            })
            .collect();
        Ok(Self { map, types, spans })
    }
}

/// Agreement by type between annotations: for each type, how many components of either side
/// the other side matched with the same type, of how many both sides gave that type to.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub matched: HashMap<Type, usize>,
    pub total: HashMap<Type, usize>,
    /// `compare`'s overall and components F1 of each pair compared, to average.
    pub overall: Vec<f64>,
    pub components: Vec<f64>,
    /// The same read straight off the annotations, without argwalk: spans paired one to one by
    /// their overlap, a pair of the same type matching. What `compare`'s figures are checked
    /// against.
    pub span_matched: HashMap<Type, usize>,
    pub span_total: HashMap<Type, usize>,
}

/// The statements of a thesis: each quote's paragraph and byte range.
fn statements(map: &ArgumentMap) -> Vec<(usize, std::ops::Range<usize>)> {
    map.nodes[map.thesis]
        .citations
        .iter()
        .filter_map(|c| c.quote.as_ref())
        .map(|q| (q.paragraph, q.range.clone()))
        .collect()
}

impl Tally {
    /// Adds the comparison of `a` with `b` (the same essay, two annotators). A claim or premise
    /// matches when `compare` aligns it with one of the same type. The major claim is one
    /// thesis however often the essay states it: its statements are matched by their spans
    /// instead, each that overlaps one of the other's.
    pub fn add(&mut self, a: &Annotation, b: &Annotation) {
        let c = crate::interchange::compare::compare(&a.map, &b.map);
        let (ta, tb) = (&a.types, &b.types);
        for p in &c.pairs {
            if let (Some(x), Some(y)) = (ta.get(&p.student), tb.get(&p.reference))
                && x == y
                && *x != Type::MajorClaim
            {
                *self.matched.entry(*x).or_default() += 2;
            }
        }
        for (id, t) in ta.iter().chain(tb.iter()) {
            let thesis = |m: &ArgumentMap| m.nodes[m.thesis].id == *id;
            if *t != Type::MajorClaim || !(thesis(&a.map) || thesis(&b.map)) {
                *self.total.entry(*t).or_default() += 1;
            }
        }
        let (sa, sb) = (statements(&a.map), statements(&b.map));
        let overlaps = |x: &(usize, std::ops::Range<usize>),
                        ys: &[(usize, std::ops::Range<usize>)]| {
            ys.iter()
                .any(|y| y.0 == x.0 && x.1.start < y.1.end && y.1.start < x.1.end)
        };
        let matched = sa.iter().filter(|x| overlaps(x, &sb)).count()
            + sb.iter().filter(|x| overlaps(x, &sa)).count();
        *self.matched.entry(Type::MajorClaim).or_default() += matched;
        *self.total.entry(Type::MajorClaim).or_default() += sa.len() + sb.len();
        self.overall.push(c.overall);
        self.components.push(c.components.f1);
    }

    /// Adds the agreement of the annotations `a` and `b` themselves (their spans, not their
    /// maps): paired one to one, the most overlapping first (as `compare` pairs nodes, but by
    /// nothing else than the spans), and each pair of the same type matching on both sides.
    pub fn add_spans(&mut self, a: &Annotation, b: &Annotation) {
        let (sa, sb) = (&a.spans, &b.spans);
        for s in sa.iter().chain(sb) {
            *self.span_total.entry(s.kind).or_default() += 1;
        }
        let mut overlaps: Vec<(usize, usize, usize)> = Vec::new();
        for (i, x) in sa.iter().enumerate() {
            for (j, y) in sb.iter().enumerate() {
                let (r, q) = (&x.range, &y.range);
                let shared = r.end.min(q.end).saturating_sub(r.start.max(q.start));
                if shared > 0 {
                    overlaps.push((shared, i, j));
                }
            }
        }
        overlaps.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        let (mut used_a, mut used_b) = (vec![false; sa.len()], vec![false; sb.len()]);
        for (_, i, j) in overlaps {
            if used_a[i] || used_b[j] {
                continue;
            }
            used_a[i] = true;
            used_b[j] = true;
            if sa[i].kind == sb[j].kind {
                *self.span_matched.entry(sa[i].kind).or_default() += 2;
            }
        }
    }

    /// [`Tally::f1`] of the annotations themselves.
    pub fn span_f1(&self, t: Type) -> f64 {
        Self::ratio(&self.span_matched, &self.span_total, t)
    }

    /// F1 of one type over everything added: the components matched over all given that type
    /// by either side (symmetric, as neither annotator is the reference).
    pub fn f1(&self, t: Type) -> f64 {
        Self::ratio(&self.matched, &self.total, t)
    }

    /// Matched over given, for type `t`; 0 where nothing was given that type.
    fn ratio(matched: &HashMap<Type, usize>, total: &HashMap<Type, usize>, t: Type) -> f64 {
        match total.get(&t).copied().unwrap_or(0) {
            0 => 0.0,
            n => matched.get(&t).copied().unwrap_or(0) as f64 / n as f64,
        }
    }

    fn mean(xs: &[f64]) -> f64 {
        if xs.is_empty() {
            0.0
        } else {
            xs.iter().sum::<f64>() / xs.len() as f64
        }
    }

    pub fn mean_overall(&self) -> f64 {
        Self::mean(&self.overall)
    }

    pub fn mean_components(&self) -> f64 {
        Self::mean(&self.components)
    }

    /// The types from most to least agreed on.
    pub fn ranking(&self) -> Vec<Type> {
        let mut ts = Type::ALL.to_vec();
        ts.sort_by(|a, b| self.f1(*b).total_cmp(&self.f1(*a)));
        ts
    }
}

/// The essays of a corpus laid out as the agreement study's release is (`Step1/annotatorN/
/// essayNNN.ann`, the texts in `brat-project-final/essayNNN.txt`): every pair of annotators on
/// every essay all of them annotated, tallied; and how many essays that was.
pub fn corpus(dir: &Path) -> Result<(Tally, usize), String> {
    let step = dir.join("Step1");
    let mut annotators: Vec<_> = std::fs::read_dir(&step)
        .map_err(|e| format!("{}: {e}", step.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    annotators.sort();
    let first = annotators
        .first()
        .ok_or_else(|| format!("{}: no annotator's folder", step.display()))?;
    let mut essays: Vec<String> = std::fs::read_dir(first)
        .map_err(|e| format!("{}: {e}", first.display()))?
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".ann").map(str::to_string)
        })
        .collect();
    essays.sort();
    let mut tally = Tally::default();
    let mut done = 0;
    for essay in essays {
        let txt = dir.join("brat-project-final").join(format!("{essay}.txt"));
        let Ok(text) = std::fs::read_to_string(&txt) else {
            continue;
        };
        let anns: Vec<String> = annotators
            .iter()
            .filter_map(|a| std::fs::read_to_string(a.join(format!("{essay}.ann"))).ok())
            .collect();
        if anns.len() != annotators.len() {
            continue;
        }
        let maps: Vec<Annotation> = anns
            .iter()
            .map(|ann| Annotation::read(ann, &text, &essay))
            .collect::<Result<_, _>>()?;
        for i in 0..maps.len() {
            for j in i + 1..maps.len() {
                tally.add(&maps[i], &maps[j]);
                tally.add_spans(&maps[i], &maps[j]);
            }
        }
        done += 1;
    }
    Ok((tally, done))
}
