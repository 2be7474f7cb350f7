//! Where each pane goes for a terminal size: one function shared by `update` and the view,
//! so scrolling and paging agree with what is drawn.

use ratatui::layout::Rect;

/// Below this the reader shows a "terminal too small" message instead of panes.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// From this size on, tree and source stand side by side.
pub const WIDE_FROM: u16 = 100;
pub const WIDE_MIN_HEIGHT: u16 = 20;

/// Which pane the movement keys act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Source,
}

/// The screen's regions. `*_inner` are the parts inside the pane borders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub wide: bool,
    pub too_small: bool,
    pub tree: Rect,
    pub details: Rect,
    pub source: Rect,
    pub status: Rect,
    pub tree_inner: Rect,
    pub details_inner: Rect,
    pub source_inner: Rect,
}

pub fn areas(width: u16, height: u16) -> Areas {
    let full = Rect::new(0, 0, width, height);
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Areas {
            too_small: true,
            status: full,
            ..Areas::default()
        };
    }
    let status = Rect::new(0, height - 1, width, 1);
    let body_h = height - 1;
    if width >= WIDE_FROM && height >= WIDE_MIN_HEIGHT {
        // Side by side: the tree and the node's details on the left, the source on the right.
        let left_w = percent(width, 45).clamp(MIN_WIDTH, 80);
        let details_h = percent(body_h, 35).clamp(6, body_h / 2);
        let tree = Rect::new(0, 0, left_w, body_h - details_h);
        let details = Rect::new(0, tree.height, left_w, details_h);
        let source = Rect::new(left_w, 0, width - left_w, body_h);
        Areas {
            wide: true,
            too_small: false,
            tree,
            details,
            source,
            status,
            // A column of padding keeps tree guides from merging with the border.
            tree_inner: padded(inset(tree, 1)),
            details_inner: padded(inset(details, 1)),
            source_inner: inset(source, 1),
        }
    } else {
        // Stacked, each pane under a one-line title bar, to spare rows on small screens.
        let tree_h = percent(body_h, 36).max(4);
        let details_h = percent(body_h, 26).max(4);
        let tree = Rect::new(0, 0, width, tree_h);
        let details = Rect::new(0, tree_h, width, details_h);
        let source = Rect::new(0, tree_h + details_h, width, body_h - tree_h - details_h);
        Areas {
            wide: false,
            too_small: false,
            tree,
            details,
            source,
            status,
            tree_inner: below_title(tree),
            details_inner: below_title(details),
            source_inner: below_title(source),
        }
    }
}

/// `pct` percent of `n`, computed wide: `n * pct` overflows u16 on a terminal 1,500 wide.
fn percent(n: u16, pct: u16) -> u16 {
    u16::try_from(u32::from(n) * u32::from(pct) / 100).unwrap_or(n)
}

/// Where the help and node windows go.
pub fn overlay_area(width: u16, height: u16) -> Rect {
    centered(width, height, 78, height.saturating_sub(2))
}

pub fn centered(width: u16, height: u16, w: u16, h: u16) -> Rect {
    let w = w.min(width.saturating_sub(2)).max(1);
    let h = h.min(height.saturating_sub(2)).max(1);
    Rect::new(
        (width - w.min(width)) / 2,
        (height - h.min(height)) / 2,
        w.min(width),
        h.min(height),
    )
}

fn inset(r: Rect, by: u16) -> Rect {
    Rect::new(
        r.x + by,
        r.y + by,
        r.width.saturating_sub(2 * by),
        r.height.saturating_sub(2 * by),
    )
}

fn padded(r: Rect) -> Rect {
    Rect::new(r.x + 1, r.y, r.width.saturating_sub(1), r.height)
}

fn below_title(r: Rect) -> Rect {
    Rect::new(r.x, r.y + 1, r.width, r.height.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_screen_without_overlap() {
        for (w, h) in [(80, 24), (120, 40), (100, 12), (40, 12), (300, 100)] {
            let a = areas(w, h);
            assert!(!a.too_small);
            let cells: u32 = [a.tree, a.details, a.source, a.status]
                .iter()
                .map(|r| u32::from(r.width) * u32::from(r.height))
                .sum();
            assert_eq!(cells, u32::from(w) * u32::from(h), "{w}x{h}");
            assert!(
                a.tree_inner.height >= 2 && a.source_inner.height >= 2,
                "{w}x{h}"
            );
        }
        assert!(areas(39, 40).too_small);
        assert!(areas(1, 1).too_small);
    }
}
