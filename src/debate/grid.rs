//! A sheet of the flow as a grid, as on paper: a column per speech, each argument in its
//! speech's column, each answer and extension on the row of what it answers, the next answer
//! below the last one's own answers. A view of the round, of no terminal: the full screen draws
//! it, and it orders what the line mode reads.

use std::collections::HashMap;

use super::flow::Round;
use super::format::Format;

/// One argument's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub id: u32,
    /// An index into [`Grid::columns`].
    pub col: usize,
    pub row: usize,
}

/// A sheet laid out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    /// The speeches shown, as indices into the format's speeches, in order.
    pub columns: Vec<usize>,
    /// Every argument of the sheet, row by row and then column by column.
    pub cells: Vec<Cell>,
    pub rows: usize,
}

impl Grid {
    /// The column of speech `speech`, if it is shown.
    pub fn column_of(&self, speech: usize) -> Option<usize> {
        self.columns.iter().position(|&s| s == speech)
    }

    pub fn cell(&self, id: u32) -> Option<&Cell> {
        self.cells.iter().find(|c| c.id == id)
    }
}

/// Lays out `sheet` of `round`: every flowed speech on it (and any other that has arguments on
/// it, so nothing written is hidden), every argument once.
pub fn grid(round: &Round, format: &Format, sheet: usize) -> Grid {
    let on_sheet: Vec<&super::flow::Arg> = round.args.iter().filter(|a| a.sheet == sheet).collect();
    let mut columns: Vec<usize> = format
        .speeches
        .iter()
        .enumerate()
        .filter(|(_, s)| s.flowed && s.sheets.contains(&sheet))
        .map(|(i, _)| i)
        .collect();
    for a in &on_sheet {
        if !columns.contains(&a.speech) {
            columns.push(a.speech);
        }
    }
    columns.sort_unstable();
    let mut children: HashMap<u32, Vec<(usize, u32)>> = HashMap::new();
    let ids: std::collections::HashSet<u32> = on_sheet.iter().map(|a| a.id).collect();
    let mut roots = Vec::new();
    for a in &on_sheet {
        match a.parent().filter(|p| ids.contains(p)) {
            Some(p) => children.entry(p).or_default().push((a.speech, a.id)),
            None => roots.push((a.speech, a.id)),
        }
    }
    roots.sort_unstable();
    for kids in children.values_mut() {
        kids.sort_unstable();
    }
    let speech_of: HashMap<u32, usize> = on_sheet.iter().map(|a| (a.id, a.speech)).collect();
    let col = |id: u32| {
        speech_of
            .get(&id)
            .and_then(|s| columns.iter().position(|c| c == s))
            .unwrap_or(0)
    };
    let mut cells = Vec::with_capacity(on_sheet.len());
    let mut next_row = 0;
    // Depth first, by hand: a flow file may chain thousands of answers. A child goes on its
    // parent's row when its column lies right of everything the parent's earlier children
    // reach (an extension in the 2AC beside the 1NC's answer, as on paper); else below them.
    struct Frame {
        id: u32,
        row: usize,
        child: usize,
        /// The first row below every child placed so far.
        next_row: usize,
        /// The rightmost column the children placed so far reach.
        kids_col: Option<usize>,
        /// The rightmost column of this argument and all below it placed so far.
        max_col: usize,
    }
    for &(_, root) in &roots {
        let root_col = col(root);
        cells.push(Cell {
            id: root,
            col: root_col,
            row: next_row,
        });
        let mut stack = vec![Frame {
            id: root,
            row: next_row,
            child: 0,
            next_row,
            kids_col: None,
            max_col: root_col,
        }];
        while let Some(top) = stack.last_mut() {
            let kids = children.get(&top.id).map_or(&[][..], Vec::as_slice);
            if let Some(&(_, kid)) = kids.get(top.child) {
                top.child += 1;
                let kid_col = col(kid);
                let row = if top.kids_col.is_none_or(|c| kid_col > c) {
                    top.row
                } else {
                    top.next_row
                };
                cells.push(Cell {
                    id: kid,
                    col: kid_col,
                    row,
                });
                stack.push(Frame {
                    id: kid,
                    row,
                    child: 0,
                    next_row: row,
                    kids_col: None,
                    max_col: kid_col,
                });
            } else {
                let end = (top.row + 1).max(top.next_row);
                let reach = top.max_col;
                stack.pop();
                match stack.last_mut() {
                    Some(parent) => {
                        parent.next_row = parent.next_row.max(end);
                        parent.kids_col = Some(parent.kids_col.map_or(reach, |c| c.max(reach)));
                        parent.max_col = parent.max_col.max(reach);
                    }
                    None => next_row = end,
                }
            }
        }
    }
    cells.sort_unstable_by_key(|c| (c.row, c.col));
    Grid {
        columns,
        cells,
        rows: next_row,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debate::flow::{Done, Op};
    use crate::debate::format::shipped;

    #[test]
    fn answers_sit_beside_what_they_answer_and_the_next_below() {
        let f = shipped("policy").unwrap();
        let mut r = Round::new("m".into(), "r".into(), &f);
        let say = |r: &mut Round, op| match r.apply(&f, op, 0).unwrap() {
            Done::Arg(id) => id,
            Done::Nothing => 0,
        };
        let add = |t: &str| Op::Add {
            sheet: 0,
            text: t.into(),
            from: None,
        };
        let a = say(&mut r, add("harms"));
        let b = say(&mut r, add("solvency"));
        let ans = |to, t: &str| Op::Answer {
            to,
            text: t.into(),
            from: None,
        };
        let a1 = say(&mut r, ans(a, "no harms"));
        let a2 = say(&mut r, ans(a, "turn"));
        let b1 = say(&mut r, ans(b, "circumvention"));
        // The 2AC extends the harms: beside the 1NC's answers, on the harms' row.
        let two_ac = f.speeches.iter().position(|s| s.short == "2AC").unwrap();
        r.apply(&f, Op::Speech(two_ac), 0).unwrap();
        let ext = say(
            &mut r,
            Op::Extend {
                of: a,
                text: String::new(),
            },
        );
        let g = grid(&r, &f, 0);
        // 1AC and every speech after it that is flowed on the first sheet: CX is not.
        let shorts: Vec<&str> = g
            .columns
            .iter()
            .map(|&s| f.speeches[s].short.as_str())
            .collect();
        assert_eq!(
            shorts,
            ["1AC", "1NC", "2AC", "2NC", "1NR", "1AR", "2NR", "2AR"]
        );
        let at = |id| g.cell(id).map(|c| (c.col, c.row));
        assert_eq!(at(a), Some((0, 0)));
        assert_eq!(at(a1), Some((1, 0)));
        assert_eq!(at(a2), Some((1, 1)));
        assert_eq!(at(b), Some((0, 2)));
        assert_eq!(at(b1), Some((1, 2)));
        assert_eq!(at(ext), Some((2, 0)));
        assert_eq!(g.rows, 3);
    }

    #[test]
    fn a_long_chain_is_laid_out_without_recursion() {
        let f = shipped("policy").unwrap();
        let mut r = Round::new("m".into(), "r".into(), &f);
        // Alternating answers are bounded by the speeches; a chain this long comes only from
        // a file, and is laid out all the same.
        for id in 1..=50_000u32 {
            r.args.push(crate::debate::flow::Arg {
                id,
                speech: if id % 2 == 1 { 0 } else { 2 },
                sheet: 0,
                text: String::new(),
                answers: (id > 1).then(|| id - 1),
                extends: None,
                applies: None,
                from: None,
                mark: None,
            });
        }
        let g = grid(&r, &f, 0);
        assert_eq!(g.cells.len(), 50_000);
        assert_eq!(g.rows, 1);
    }
}
