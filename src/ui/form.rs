//! Form building blocks: a labelled input, select or text area with its error message right beside it.

use crate::domain::validation::{Field, FieldErrors};
use crate::storage::StorageError;
use crate::ui::t;
use leptos::prelude::*;

/// The errors of the last submit attempt, shared by every field of one form.
pub(crate) type ErrorsSignal = RwSignal<FieldErrors>;

pub(crate) fn field_id(field: Field) -> String {
    let name = match field {
        Field::Plan(plan) => format!("{plan:?}"),
        Field::FollowUp(field) => format!("{field:?}"),
        other => format!("{other:?}"),
    };
    // A field of a list row carries its row: `MedicationDose(2)` is `field-medicationdose-2`.
    let name: String = name
        .chars()
        .filter_map(|c| match c {
            '(' => Some('-'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect();
    format!("field-{name}")
}

/// The staff list's names as the `staff-names` suggestions, offered as a case manager or signer is typed (a name not
/// on the list adds them to it).
pub(crate) fn staff_names(staff: Vec<crate::domain::staff::StaffMember>) -> impl IntoView {
    view! {
        <datalist id="staff-names">
            {staff.into_iter().map(|s| view! { <option value=s.name /> }).collect_view()}
        </datalist>
    }
}

/// The error message element and the attributes that tie it to its input.
fn error_parts(field: Field, errors: ErrorsSignal) -> (String, Signal<Option<String>>) {
    let error_id = format!("{}-error", field_id(field));
    let message = Signal::derive(move || errors.with(|e| e.get(field)).map(|p| t().problem(p)));
    (error_id, message)
}

/// How a text-like input is set up, besides its value and errors: its field, its HTML input type, and whether it is
/// required or has a latest date. Every field holds health or social data, so none is offered to the browser's
/// autofill (`autocomplete="off"`), which would keep what was typed and offer it on a shared tablet.
pub(crate) struct Input {
    field: Field,
    kind: &'static str,
    required: bool,
    max: Option<String>,
    /// The id of a `<datalist>` of suggestions (names on the staff list).
    list: Option<&'static str>,
    /// A passphrase or recovery key: shown as dots, never spell-checked or capitalised, and left out of what a lock
    /// keeps of the page.
    secret: bool,
}

impl Input {
    pub(crate) fn text(field: Field) -> Input {
        Input::of(field, "text")
    }
    pub(crate) fn date(field: Field) -> Input {
        Input::of(field, "date")
    }
    pub(crate) fn of(field: Field, kind: &'static str) -> Input {
        Input {
            field,
            kind,
            required: false,
            max: None,
            list: None,
            secret: false,
        }
    }
    /// A passphrase field. A text input masked by CSS rather than `type="password"`: browsers' password managers
    /// ignore `autocomplete="off"` on password inputs and offer to keep the workspace passphrase, which on a shared
    /// tablet would hand it to the next person.
    pub(crate) fn secret(field: Field) -> Input {
        Input {
            secret: true,
            ..Input::of(field, "text")
        }
    }
    /// Offers the suggestions of the `<datalist>` with id `list`.
    pub(crate) fn suggest(mut self, list: &'static str) -> Input {
        self.list = Some(list);
        self
    }
    pub(crate) fn required(mut self) -> Input {
        self.required = true;
        self
    }
    /// The latest value the browser's picker offers (a date: `YYYY-MM-DD`).
    pub(crate) fn max(mut self, max: String) -> Input {
        self.max = Some(max);
        self
    }
}

/// A text-like input bound to a draft string, as a plain call: compiled once for every field, where a component's
/// props builder is compiled again at each use (about 50 bytes of compressed wasm per field).
#[inline(never)]
pub(crate) fn input(
    spec: Input,
    (value, on_input): (Signal<String>, Callback<String>),
    errors: ErrorsSignal,
) -> AnyView {
    let Input {
        field,
        kind,
        required,
        max,
        list,
        secret,
    } = spec;
    let id = field_id(field);
    let (error_id, message) = error_parts(field, errors);
    view! {
        <div class="field" class:field-invalid=move || message.with(Option::is_some)>
            <Label id=id.clone() field=field required=required />
            <input
                id=id
                type=kind
                autocomplete="off"
                class:secret=secret
                spellcheck=secret.then_some("false")
                autocapitalize=secret.then_some("off")
                max=max
                list=list
                aria-invalid=move || message.with(Option::is_some).to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(typed_text(&ev))
            />
            <FieldError id=error_id message=message />
        </div>
    }
    .into_any()
}

/// `input` for the few fields whose value or setter is not a draft's (`bind!`) pair.
#[component]
pub(crate) fn TextField(
    field: Field,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    errors: ErrorsSignal,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = false)] required: bool,
    #[prop(optional)] max: Option<String>,
) -> impl IntoView {
    let spec = Input {
        field,
        kind,
        required,
        max,
        list: None,
        secret: false,
    };
    input(spec, (value, on_input), errors)
}

/// A multi-line text bound to a draft string, as a plain call (see `input`; the spec's input type is not used).
#[inline(never)]
pub(crate) fn textarea(
    spec: Input,
    (value, on_input): (Signal<String>, Callback<String>),
    errors: ErrorsSignal,
) -> AnyView {
    let Input {
        field, required, ..
    } = spec;
    let id = field_id(field);
    let (error_id, message) = error_parts(field, errors);
    view! {
        <div class="field" class:field-invalid=move || message.with(Option::is_some)>
            <Label id=id.clone() field=field required=required />
            <textarea
                id=id
                rows="3"
                autocomplete="off"
                aria-invalid=move || message.with(Option::is_some).to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(typed_text(&ev))
            ></textarea>
            <FieldError id=error_id message=message />
        </div>
    }
    .into_any()
}

/// `textarea` for a field whose value or setter is not a draft's (`bind!`) pair.
#[component]
pub(crate) fn TextArea(
    field: Field,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    errors: ErrorsSignal,
    #[prop(default = false)] required: bool,
) -> impl IntoView {
    let mut spec = Input::text(field);
    spec.required = required;
    textarea(spec, (value, on_input), errors)
}

/// A choice among codes, each shown with its catalogue text; the first option is an empty "Choose…". A plain call
/// (see `input`; the spec's input type is not used).
#[inline(never)]
pub(crate) fn select(
    spec: Input,
    options: Vec<(&'static str, &'static str)>,
    bound: (Signal<String>, Callback<String>),
    errors: ErrorsSignal,
) -> AnyView {
    let options = options
        .into_iter()
        .map(|(code, text)| (code.to_string(), text.to_string()))
        .collect();
    select_owned(spec, options, bound, errors)
}

/// `select` over values and texts made at run time (the users of this device).
#[inline(never)]
pub(crate) fn select_owned(
    spec: Input,
    options: Vec<(String, String)>,
    (value, on_change): (Signal<String>, Callback<String>),
    errors: ErrorsSignal,
) -> AnyView {
    let Input {
        field, required, ..
    } = spec;
    let id = field_id(field);
    let (error_id, message) = error_parts(field, errors);
    view! {
        <div class="field" class:field-invalid=move || message.with(Option::is_some)>
            <Label id=id.clone() field=field required=required />
            <select
                id=id
                aria-invalid=move || message.with(Option::is_some).to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                <option value="">{t().common.choose}</option>
                {options
                    .into_iter()
                    .map(|(code, text)| {
                        let this = code.clone();
                        view! { <option value=code selected=move || value.with(|v| *v == this)>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldError id=error_id message=message />
        </div>
    }
    .into_any()
}

#[component]
fn Label(id: String, field: Field, required: bool) -> impl IntoView {
    let m = t();
    view! {
        <label for=id>
            {m.field(field)}
            {(!required).then(|| view! { <span class="hint">{m.common.optional_note}</span> })}
        </label>
    }
}

#[component]
fn FieldError(id: String, message: Signal<Option<String>>) -> impl IntoView {
    view! { <p class="field-error" id=id aria-live="polite">{move || message.get()}</p> }
}

/// The summary above the submit button after a refused submit.
#[component]
pub(crate) fn FormErrorSummary(errors: ErrorsSignal) -> impl IntoView {
    move || {
        let count = errors.with(|e| e.iter().count());
        (count > 0).then(
            || view! { <p class="form-summary" role="alert">{(t().common.form_has_errors)(count)}</p> },
        )
    }
}

/// Moves the keyboard focus to the first element matching a CSS selector, if there is one.
pub(crate) fn focus(selector: &str) {
    use wasm_bindgen::JsCast;
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Opens the `<details>` element with this id (a form a suggestion has just filled in).
pub(crate) fn open_details(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        // An attribute on an element that exists: setting it does not fail.
        let _ = element.set_attribute("open", "");
    }
}

/// Moves the keyboard focus to the first field that needs attention (a radio group: its first button).
pub(crate) fn focus_first(errors: &FieldErrors) {
    if let Some(first) = errors.iter().next() {
        focus(&format!(
            "#{id}:is(input, select, textarea), #{id} input",
            id = field_id(first.field)
        ));
    }
}

/// One choice among a few, as radio buttons in a fieldset, with its error message beside it.
#[component]
pub(crate) fn RadioField(
    field: Field,
    options: Vec<(&'static str, &'static str)>,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    errors: ErrorsSignal,
) -> impl IntoView {
    let id = field_id(field);
    let (error_id, message) = error_parts(field, errors);
    let name = id.clone();
    let described_by = error_id.clone();
    view! {
        <fieldset id=id class="field radio-field" class:field-invalid=move || message.with(Option::is_some)
            aria-describedby=described_by>
            <legend>{t().field(field)}</legend>
            <div class="choices">
                {options.into_iter().map(|(code, text)| {
                    view! {
                        <label class="choice">
                            <input type="radio" name=name.clone() value=code
                                aria-invalid=move || message.with(Option::is_some).to_string()
                                prop:checked=move || value.get() == code
                                on:change=move |_| on_change.run(code.to_string()) />
                            {text}
                        </label>
                    }
                }).collect_view()}
            </div>
            <FieldError id=error_id message=message />
        </fieldset>
    }
}

/// Several choices among records (the needs a goal addresses), as tick boxes in a fieldset, with the error beside
/// them. `value` holds the ticked ids.
#[component]
pub(crate) fn CheckList(
    field: Field,
    options: Vec<(String, String)>,
    #[prop(into)] value: Signal<Vec<String>>,
    #[prop(into)] on_toggle: Callback<String>,
    errors: ErrorsSignal,
) -> impl IntoView {
    let id = field_id(field);
    let (error_id, message) = error_parts(field, errors);
    let described_by = error_id.clone();
    view! {
        <fieldset id=id class="field check-list" class:field-invalid=move || message.with(Option::is_some)
            aria-describedby=described_by>
            <legend>{t().field(field)}</legend>
            <div class="choices">
                {options.into_iter().map(|(code, text)| {
                    let checked = code.clone();
                    view! {
                        <label class="choice">
                            <input type="checkbox" value=code.clone()
                                prop:checked=move || value.with(|v| v.contains(&checked))
                                on:change=move |_| on_toggle.run(code.clone()) />
                            {text}
                        </label>
                    }
                }).collect_view()}
            </div>
            <FieldError id=error_id message=message />
        </fieldset>
    }
}

/// A yes/no tick box bound to a draft flag.
#[component]
pub(crate) fn Checkbox(
    field: Field,
    #[prop(into)] value: Signal<bool>,
    #[prop(into)] on_change: Callback<bool>,
) -> impl IntoView {
    let id = field_id(field);
    let label_for = id.clone();
    view! {
        <div class="field field-checkbox">
            <label class="choice" for=label_for>
                <input type="checkbox" id=id prop:checked=move || value.get()
                    on:change=move |ev| on_change.run(event_target_checked(&ev)) />
                {t().field(field)}
            </label>
        </div>
    }
}

/// Adds `code` to a list of ticked ids, or takes it out.
pub(crate) fn toggle(list: &mut Vec<String>, code: String) {
    match list.iter().position(|c| *c == code) {
        Some(at) => {
            list.remove(at);
        }
        None => list.push(code),
    }
}

/// A draft field's value and setter, for the field components: `bind!(draft.full_name)`.
macro_rules! bind {
    ($draft:ident . $name:ident) => {
        crate::ui::form::bind_field($draft, |d| &d.$name, |d, v| d.$name = v)
    };
}
pub(crate) use bind;

/// `bind!`'s work. The field is chosen by two plain functions rather than closures, so the signal and the
/// callback made here are compiled once per kind of draft, not once per field (about 1 KB of wasm per field).
pub(crate) fn bind_field<D: Send + Sync + 'static>(
    draft: RwSignal<D>,
    get: fn(&D) -> &String,
    set: fn(&mut D, String),
) -> (Signal<String>, Callback<String>) {
    (
        Signal::derive(move || draft.with(|d| get(d).clone())),
        Callback::new(move |v| draft.update(|d| set(d, v))),
    )
}

/// What every form shares: the errors of the last submit, whether a save is under way, and a storage failure.
#[derive(Clone, Copy)]
pub(crate) struct FormState {
    pub errors: ErrorsSignal,
    pub saving: RwSignal<bool>,
    pub failure: RwSignal<Option<StorageError>>,
}

impl FormState {
    pub fn new() -> FormState {
        FormState {
            errors: RwSignal::new(FieldErrors::default()),
            saving: RwSignal::new(false),
            failure: RwSignal::new(None),
        }
    }

    /// The validated value, or `None` after showing the errors (focus on the first) or while a save is under way.
    pub fn accept<T>(self, checked: Result<T, FieldErrors>) -> Option<T> {
        if self.saving.get_untracked() {
            return None;
        }
        self.failure.set(None);
        match checked {
            Err(problems) => {
                focus_first(&problems);
                self.errors.set(problems);
                None
            }
            Ok(value) => {
                self.errors.set(FieldErrors::default());
                Some(value)
            }
        }
    }

    /// Runs the write; then `done` with its result, or the failure is shown by the form and it can be sent again.
    pub fn save<T: 'static>(
        self,
        write: impl std::future::Future<Output = Result<T, StorageError>> + 'static,
        done: impl FnOnce(T) + 'static,
    ) {
        // The generic part only joins the write to what follows it; the rest is compiled once for every form.
        self.run(Box::pin(async move { write.await.map(done) }));
    }

    fn run(
        self,
        job: std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), StorageError>>>>,
    ) {
        self.saving.set(true);
        leptos::task::spawn_local(async move {
            // The form stays disabled after success: `done` moved on (navigated or redrew), so a second tap in
            // between cannot save twice.
            if let Err(error) = job.await {
                self.saving.set(false);
                self.failure.set(Some(error));
            }
        });
    }
}

/// The end of a form: the error summary, a storage failure, the submit button and the way back.
#[component]
pub(crate) fn FormFooter(
    state: FormState,
    submit: &'static str,
    cancel_href: String,
) -> impl IntoView {
    let m = t();
    let saving = state.saving;
    view! {
        <FormErrorSummary errors=state.errors />
        <crate::ui::pages::FailureNotice failure=state.failure />
        <div class="actions">
            <button type="submit" class="button button-primary" disabled=move || saving.get()>
                {move || if saving.get() { m.common.saving } else { submit }}
            </button>
            <a class="button" href=cancel_href>{m.common.cancel}</a>
        </div>
    }
}

/// The text of an input event, in Unicode normalisation form C: where text enters the app, so that "é" typed as
/// "e" plus a combining accent is stored, compared and searched as the one character it is. (The browser's own
/// `String.prototype.normalize` rather than a crate: it is exact, current, and adds nothing to the wasm.)
pub(crate) fn typed_text(ev: &leptos::ev::Event) -> String {
    let raw = event_target_value(ev);
    String::from(js_sys::JsString::from(raw.as_str()).normalize("NFC"))
}
