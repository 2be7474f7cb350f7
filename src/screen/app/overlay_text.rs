//! The text of the long overlays (help, frontlines, the prep sheet, and the lists: weak spots,
//! critical questions, differences), built once for
//! what they show and kept while the reader scrolls through it. On a 10,000-node map the prep
//! sheet took 330 ms to build and was built twice a key (once to know how far it scrolls,
//! once to draw it); now a scroll step reuses it (`cargo bench -- overlay_key`).

use std::borrow::Cow;

use ratatui::text::Line;

use crate::map::model::NodeIx;
use crate::screen::theme::Theme;

use super::App;

/// Which overlay's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Help,
    Frontlines,
    Sheet,
    Weak,
    /// The critical questions of the selected node's step.
    Questions,
    /// The differences from the reference: the comparison is made once, when the window
    /// opens and after each change, never for a key that only moves the selection.
    Differences,
}

/// An overlay's lines, for one width and theme.
#[derive(Debug, Clone)]
pub struct OverlayText {
    pub(crate) kind: Kind,
    pub(crate) width: usize,
    pub(crate) theme: Theme,
    pub lines: Vec<Line<'static>>,
    /// For the lists (weak spots, questions, differences): each item's node, if it is about
    /// one, and its first line.
    pub starts: Vec<(Option<NodeIx>, usize)>,
}

impl App {
    /// The width an overlay's text is wrapped to: its window's, less the borders.
    pub(crate) fn overlay_width(&self) -> usize {
        let area = crate::screen::layout::overlay_area(self.width, self.height);
        usize::from(area.width.saturating_sub(2))
    }

    /// Builds the text of `kind` for `theme` and `width`.
    fn build_text(&self, kind: Kind, theme: &Theme, width: usize) -> OverlayText {
        let layer = self.study.as_ref().map(|s| &s.layer);
        // A list leaves room for the mark of its selected item.
        let list_width = text_width(width, theme);
        let (lines, starts) = match kind {
            Kind::Help => (crate::screen::sheet::help_lines(theme), Vec::new()),
            Kind::Frontlines => (
                crate::screen::sheet::frontline_lines(&self.map, layer, theme, width),
                Vec::new(),
            ),
            Kind::Sheet => (
                crate::screen::sheet::prep_sheet_lines(&self.map, layer, theme, width),
                Vec::new(),
            ),
            Kind::Weak => crate::screen::sheet::weak_lines(&self.map, layer, theme, list_width),
            Kind::Questions => match self.map.question_owner(self.tree.selected) {
                Some(owner) => crate::screen::sheet::critical_question_lines(
                    &self.map, owner, layer, theme, list_width,
                ),
                None => (Vec::new(), Vec::new()),
            },
            Kind::Differences => match self.comparison() {
                Some(c) => crate::screen::sheet::difference_lines(&c, &self.map, theme, list_width),
                None => (Vec::new(), Vec::new()),
            },
        };
        OverlayText {
            kind,
            width,
            theme: *theme,
            lines,
            starts,
        }
    }

    /// The open overlay's text as `theme` draws it: the one kept, when it was built for this
    /// overlay, width and theme; else built now.
    pub(crate) fn overlay_text(&self, kind: Kind, theme: &Theme) -> Cow<'_, OverlayText> {
        let width = self.overlay_width();
        match &self.overlay_text {
            Some(t) if t.kind == kind && t.width == width && t.theme == *theme => Cow::Borrowed(t),
            _ => Cow::Owned(self.build_text(kind, theme, width)),
        }
    }

    /// Keeps the text of kind `shown` (the open window's) for the session's theme: dropped
    /// after anything that may change it (`changed`), and built again only if a window shows it.
    pub(crate) fn keep_overlay_text(&mut self, shown: Option<Kind>, changed: bool) {
        if changed {
            self.overlay_text = None;
        }
        let Some(kind) = shown else {
            self.overlay_text = None;
            return;
        };
        let theme = self.settings.theme;
        if let Cow::Owned(t) = self.overlay_text(kind, &theme) {
            self.overlay_text = Some(t);
        }
    }
}

/// What marks the selected item in words or a glyph, not by its style alone, before its first
/// line. The lists are wrapped narrower by its width ([`text_width`]), so the mark never
/// pushes a word off the line.
pub(crate) fn selected_mark(theme: &Theme) -> String {
    if theme.plain {
        "selected: ".to_string()
    } else {
        format!("{} ", theme.glyphs().cursor)
    }
}

/// The width a list's text is wrapped to in a window of inner width `width`: room left for
/// the mark of the selected item.
fn text_width(width: usize, theme: &Theme) -> usize {
    width.saturating_sub(crate::screen::wrap::width(&selected_mark(theme)))
}
