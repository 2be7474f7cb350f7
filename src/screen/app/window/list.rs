//! The windows that choose an item of several lines (weak spots, critical questions,
//! differences), over the one list ([`Scrollable`]): the selected item marked in words and in
//! style, whole in view when it fits, counted "k/n" in the title, the screen reader's cursor
//! on its first line; the same keys.

use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::text::{Line, Span};

use crate::screen::draw;
use crate::screen::event::Effect;
use crate::screen::keymap::Action;
use crate::screen::layout;
use crate::screen::scrollable::Scrollable;
use crate::screen::theme::Theme;

use super::super::App;
use super::super::overlay_text::{Kind, selected_mark};
use super::Overlay;

/// A list window's selection, found in its variant of [`Overlay`].
pub(crate) type Field = fn(&mut Overlay) -> Option<&mut Scrollable>;

/// What a list window shows: the lines in view, the selected item marked (in words too, not
/// by its style alone), how many items, the line the selected one starts on and the scroll.
pub(crate) struct ListView {
    pub(crate) lines: Vec<Line<'static>>,
    pub(crate) count: usize,
    pub(crate) at: usize,
    pub(crate) scroll: usize,
}

/// The lines of item `selected` of the kept text `text`: its first, and the one after its last.
fn span(text: &super::super::overlay_text::OverlayText, selected: usize) -> Option<(usize, usize)> {
    let &(_, start) = text.starts.get(selected)?;
    let end = text
        .starts
        .get(selected + 1)
        .map_or(text.lines.len(), |&(_, next)| next);
    Some((start, end))
}

/// The rows of text a list window shows.
fn rows(app: &App) -> usize {
    let area = layout::overlay_area(app.width, app.height);
    usize::from(area.height.saturating_sub(2)).max(1)
}

/// The list `kind` with its selected item in view: the whole item when it fits, scrolled no
/// further than needed from where `list` was; its text is the one kept while the window is
/// open.
pub(crate) fn view(app: &App, kind: Kind, theme: &Theme, list: Scrollable) -> ListView {
    let text = app.overlay_text(kind, theme);
    let inner_h = rows(app);
    let selected = list.selected;
    let (at, scroll) = match span(&text, selected) {
        Some((start, end)) => (start, list.top_for(start, end, inner_h)),
        None => (0, 0),
    };
    // Only the lines in view are copied (the list of a large map is long).
    let scroll = scroll.min(text.lines.len().saturating_sub(inner_h));
    let mut lines: Vec<Line<'static>> = text
        .lines
        .iter()
        .skip(scroll)
        .take(inner_h)
        .cloned()
        .collect();
    if !text.starts.is_empty()
        && let Some(line) = lines.get_mut(at.wrapping_sub(scroll))
    {
        let mut marked = line.clone().patch_style(theme.selected());
        marked
            .spans
            .insert(0, Span::styled(selected_mark(theme), theme.selected()));
        *line = marked;
    }
    ListView {
        lines,
        count: text.starts.len(),
        at,
        scroll,
    }
}

/// Draws the list `kind`, its title made by `title` from " k/n" so that the window's own key
/// words come first and are kept when the title is cut.
pub(crate) fn render(
    frame: &mut Frame,
    app: &App,
    theme: &Theme,
    kind: Kind,
    list: Scrollable,
    title: impl Fn(String) -> String,
) {
    let view = view(app, kind, theme, list);
    let selected = list.selected;
    let at = if view.count == 0 {
        String::new()
    } else {
        format!(" {}/{}", selected.min(view.count - 1) + 1, view.count)
    };
    let area = layout::overlay_area(app.width, app.height);
    draw::window(frame, area, theme, &title(at), &view.lines, 0);
}

/// The selected item's first line, as the window scrolls it.
pub(crate) fn cursor(app: &App, kind: Kind, list: Scrollable) -> Option<Position> {
    let r = layout::overlay_area(app.width, app.height);
    let view = view(app, kind, &app.settings.theme, list);
    let y = u16::try_from(view.at.checked_sub(view.scroll)?).ok()?;
    (y < r.height.saturating_sub(2)).then(|| Position::new(r.x + 1, r.y + 1 + y))
}

/// How many items the list `kind` holds, as the window shows them.
pub(crate) fn count(app: &App, kind: Kind) -> usize {
    app.overlay_text(kind, &app.settings.theme).starts.len()
}

/// The node of item `selected` of the list `kind`, if it is about one.
pub(crate) fn node_of(app: &App, kind: Kind, selected: usize) -> Option<crate::map::model::NodeIx> {
    app.overlay_text(kind, &app.settings.theme)
        .starts
        .get(selected)
        .and_then(|&(ix, _)| ix)
}

/// Moves the selection (`field`) within the list `kind`, keeping it in view; closes the
/// window.
pub(crate) fn update(app: &mut App, action: Action, kind: Kind, field: Field) -> Vec<Effect> {
    if action == Action::OverlayClose {
        app.overlay = Overlay::None;
        return Vec::new();
    }
    settle(app, kind, field, Some(action));
    Vec::new()
}

/// Keeps the selection on an item of the list `kind`, and in view.
pub(crate) fn fit(app: &mut App, kind: Kind, field: Field) {
    settle(app, kind, field, None);
}

/// Moves the selection (`field`) by `action`, or with none keeps it on an item, and scrolls
/// the list no further than needed to show the selected item. The list's text is read once:
/// after a resize it is not kept yet, and building it again can mean a comparison of maps.
fn settle(app: &mut App, kind: Kind, field: Field, action: Option<Action>) {
    let Some(mut list) = field(&mut app.overlay).map(|l| *l) else {
        return;
    };
    let page = rows(app);
    let text = app.overlay_text(kind, &app.settings.theme);
    let items = text.starts.len();
    let moved = match action {
        Some(action) => list.select(action, items, page),
        None => {
            list.fit(items);
            true
        }
    };
    if moved && let Some((start, end)) = span(&text, list.selected) {
        list.top = list.top_for(start, end, page);
    }
    drop(text);
    if let Some(l) = field(&mut app.overlay) {
        *l = list;
    }
}

/// Goes to the node of the selected item, if it is about one, closing the window.
pub(crate) fn choose(app: &mut App, kind: Kind, selected: usize) {
    if let Some(ix) = node_of(app, kind, selected) {
        app.overlay = Overlay::None;
        app.select(ix);
        app.focus = crate::screen::layout::Focus::Tree;
    }
}
