//! Everything the reader can do, by name. Keys map to these through the
//! keymap; `update` performs them. The names are the ones the keymap file
//! uses; each carries the description the help overlay shows.

use serde::Deserialize;

use super::keys::KeyPress;

/// A named action, or an input event the controller interprets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    ScrollDown,
    ScrollUp,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    GoTop,
    GoBottom,
    GoPercent,
    CenterView,
    ViewToTop,
    NextMention,
    PreviousMention,
    NextEntityMention,
    PreviousEntityMention,
    FollowMention,
    NextSection,
    PreviousSection,
    NextNote,
    PreviousNote,
    SelectNext,
    SelectPrevious,
    SelectFirst,
    SelectLast,
    Activate,
    ShowRelations,
    FilterEntities,
    EntityPicker,
    TimelinePicker,
    OutlinePicker,
    Search,
    SearchNext,
    SearchPrevious,
    SearchEntity,
    JumpBack,
    JumpForward,
    SetMark,
    GoToMark,
    NextPane,
    FocusArticle,
    FocusEntities,
    FocusTimeline,
    ToggleZoom,
    Help,
    Back,
    Quit,
    /// A key press, to be resolved through the keymap.
    #[serde(skip)]
    Key(KeyPress),
    /// The terminal now has this many columns and rows.
    #[serde(skip)]
    Resize(u16, u16),
    /// A mouse click at a cell (with `--mouse`).
    #[serde(skip)]
    Click(u16, u16),
    /// The mouse wheel turned over a cell; `true` is down.
    #[serde(skip)]
    Wheel(bool, u16, u16),
}

impl Action {
    /// What the action does, for the help overlay and the README.
    pub fn description(self) -> &'static str {
        match self {
            Action::ScrollDown => "scroll down a line",
            Action::ScrollUp => "scroll up a line",
            Action::HalfPageDown => "scroll down half a page",
            Action::HalfPageUp => "scroll up half a page",
            Action::PageDown => "scroll down a page",
            Action::PageUp => "scroll up a page",
            Action::GoTop => "go to the top (with a count: that line)",
            Action::GoBottom => "go to the end (with a count: that line)",
            Action::GoPercent => "go to N percent of the article",
            Action::CenterView => "put the focus in the middle of the screen",
            Action::ViewToTop => "put the focus at the top of the screen",
            Action::NextMention => "focus the next mention in the text",
            Action::PreviousMention => "focus the previous mention in the text",
            Action::NextEntityMention => "next mention of the selected entity",
            Action::PreviousEntityMention => "previous mention of the selected entity",
            Action::FollowMention => "select the focused mention's entity",
            Action::NextSection => "next section",
            Action::PreviousSection => "previous section",
            Action::NextNote => "next analyst note",
            Action::PreviousNote => "previous analyst note",
            Action::SelectNext => "select the next item",
            Action::SelectPrevious => "select the previous item",
            Action::SelectFirst => "select the first item",
            Action::SelectLast => "select the last item",
            Action::Activate => "open the selected item (again: next mention)",
            Action::ShowRelations => "list the selected entity's relations",
            Action::FilterEntities => "filter the entity list",
            Action::EntityPicker => "find an entity by name",
            Action::TimelinePicker => "find an event on the timeline",
            Action::OutlinePicker => "go to a section",
            Action::Search => "search the article",
            Action::SearchNext => "next search match",
            Action::SearchPrevious => "previous search match",
            Action::SearchEntity => "search for every name of the focused entity",
            Action::JumpBack => "jump back",
            Action::JumpForward => "jump forward",
            Action::SetMark => "set a mark (then a letter)",
            Action::GoToMark => "go to a mark (then a letter)",
            Action::NextPane => "focus the next pane",
            Action::FocusArticle => "focus the article",
            Action::FocusEntities => "focus the entity list",
            Action::FocusTimeline => "focus the timeline",
            Action::ToggleZoom => "show the article alone, or all panes",
            Action::Help => "show or hide this help",
            Action::Back => "back out: close, cancel, clear",
            Action::Quit => "close the overlay, or quit",
            Action::Key(_) | Action::Resize(..) | Action::Click(..) | Action::Wheel(..) => "",
        }
    }

    /// Whether a count typed before the key changes what the action does.
    pub fn takes_count(self) -> bool {
        matches!(
            self,
            Action::ScrollDown
                | Action::ScrollUp
                | Action::HalfPageDown
                | Action::HalfPageUp
                | Action::PageDown
                | Action::PageUp
                | Action::GoTop
                | Action::GoBottom
                | Action::GoPercent
                | Action::NextMention
                | Action::PreviousMention
                | Action::NextEntityMention
                | Action::PreviousEntityMention
                | Action::NextSection
                | Action::PreviousSection
                | Action::NextNote
                | Action::PreviousNote
                | Action::SelectNext
                | Action::SelectPrevious
                | Action::SearchNext
                | Action::SearchPrevious
                | Action::JumpBack
                | Action::JumpForward
        )
    }

    /// Whether the action waits for a letter (a mark name).
    pub fn takes_letter(self) -> bool {
        matches!(self, Action::SetMark | Action::GoToMark)
    }
}
