//! `data-cop-widget="value-story"`: a member tells a value-creation story, one cycle at a
//! time, checks the answers and submits; nothing they type is lost.
//!
//! - The draft is kept in `localStorage` as they type (per form URL and `data-member`), offered
//!   back on the next visit, and removed only once the server has confirmed the story.
//! - A submission carries an `Idempotency-Key` kept with it: one that fails for want of a
//!   network or a healthy server waits on the device and is sent again with backoff (also
//!   after a reload), and a retry never stores the story twice.
//! - The rules are `cop_core::story`'s, the server's: an error summary that takes focus and
//!   links to each field, inline errors tied to their field, the server's field errors on the
//!   same fields (GOV.UK's pattern).
//! - The form's controls are never re-rendered while the member types: input events update
//!   the model without a render; only Continue, Back, Change and Submit render.

use any_spawner::Executor;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::Element;

use cop_core::config::{Source, WidgetConfig};
use cop_core::contract::FieldError;
use cop_core::failure::{backoff_ms, Failure};
use cop_core::i18n::{fill, Lang, Msg};
use cop_core::mapping::Json;
use cop_core::story::{self, cycles_from_list, field_of, Cycle, Draft, Requirements, Step};

use crate::client::{self, Request};
use crate::host;
use crate::json::{self, Js};
use crate::registry::{self, Setup};
use crate::widgets::{Model, Phase};

/// The form's state: the draft, where the member is, and what happened to the submission.
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    pub draft: Draft,
    pub step: usize,
    /// Rules broken on this page (or, on the review page, anywhere), by the browser's check or
    /// the server's answer.
    pub errors: Vec<FieldError>,
    pub stage: Stage,
    /// Move focus to the page's heading or error summary after the next render: set only by
    /// the member's own actions, never on the first render of a page.
    pub focus: bool,
    /// The submission waiting for the server's confirmation: its key and the body it is for.
    pub pending: Option<(String, String)>,
    /// A save of the draft is scheduled (saving is debounced while the member types).
    pub saving: bool,
    /// This device keeps the draft: `localStorage` is there and takes a write (blocked
    /// storage throws, and some private modes refuse every write).
    pub kept: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    /// A draft from an earlier visit, saved at this time (ms since the epoch), waits for a
    /// "continue" or "start again".
    Offer(f64),
    Editing,
    Sending,
    /// Not sent yet, and being tried again by itself: why.
    Pending(String),
    /// The session expired (401): the member signs in again and submits again.
    Expired,
    /// Not sent, and trying again alone will not help: why.
    NotSent(String),
    Stored(Stored),
}

/// The story as the server stored it.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    /// The server's id for the story (empty if a foreign backend gave none).
    pub id: String,
    pub title: String,
    pub answers: Vec<(Cycle, String)>,
    pub link: Option<String>,
}

fn requirements(config: &WidgetConfig) -> Requirements {
    match config.param("required").map(cycles_from_list) {
        Some(Ok(cycles)) => Requirements {
            cycles,
            one_more: false,
        },
        _ => Requirements::default(),
    }
}

fn questions(config: &WidgetConfig) -> Vec<Cycle> {
    config
        .param("questions")
        .and_then(|list| cycles_from_list(list).ok())
        .unwrap_or_default()
}

/// The pages of this form for this draft: the optional questions chosen are pages too.
fn steps(config: &WidgetConfig, draft: &Draft) -> Vec<Step> {
    story::steps(&questions(config), &requirements(config), &draft.more)
}

fn url(config: &WidgetConfig) -> &str {
    match &config.source {
        Source::Url(url) => url,
        _ => "",
    }
}

/// Where this form's draft is kept: per form URL (API and community) and member.
fn storage_key(config: &WidgetConfig) -> String {
    format!(
        "cop-story:{}:{}",
        url(config),
        config.param("member").unwrap_or_default()
    )
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The form as this member left it: a pending submission resumes, a draft is offered back.
pub fn start(config: &WidgetConfig) -> Form {
    let mut form = Form {
        draft: Draft::default(),
        step: 0,
        errors: Vec::new(),
        stage: Stage::Editing,
        focus: false,
        pending: None,
        saving: false,
        kept: storage().is_some_and(|storage| {
            storage.set_item("cop-story-probe", "").is_ok()
                && storage.remove_item("cop-story-probe").is_ok()
        }),
    };
    let saved = storage()
        .and_then(|storage| storage.get_item(&storage_key(config)).ok().flatten())
        .and_then(|text| json::parse(&text));
    let Some(saved) = saved else { return form };
    let text = |name: &str| {
        saved
            .child(name)
            .and_then(|value| value.as_text())
            .unwrap_or_default()
    };
    let flag = |name: &str| saved.child(name).is_some_and(|value| value.0.is_truthy());
    form.draft.title = text("title");
    for cycle in Cycle::ALL {
        form.draft.answers[cycle as usize] = text(cycle.name());
    }
    form.draft.links = text("links");
    form.draft.tags = text("tags");
    form.draft.share_with_sponsors = flag("share");
    form.draft.anonymous = flag("anonymous");
    // The questions chosen; a draft kept before there was a choice: those answered.
    match saved.child("more").and_then(|more| more.as_text()) {
        Some(list) => {
            for cycle in cycles_from_list(&list).unwrap_or_default() {
                form.draft.more[cycle as usize] = true;
            }
        }
        None => {
            for cycle in Cycle::ALL {
                form.draft.more[cycle as usize] =
                    !form.draft.answers[cycle as usize].trim().is_empty();
            }
        }
    }
    form.step = saved
        .child("step")
        .and_then(|step| step.as_number())
        .unwrap_or(0.0) as usize;
    let (key, body) = (text("key"), text("body"));
    if !key.is_empty() && !body.is_empty() {
        form.pending = Some((key, body));
        form.stage = Stage::Pending(String::new());
    } else if !form.draft.is_empty() {
        let at = saved
            .child("saved_at")
            .and_then(|at| at.as_number())
            .unwrap_or(0.0);
        form.stage = Stage::Offer(at);
    }
    form
}

/// Keeps the draft (and the pending submission) on this device.
fn save(config: &WidgetConfig, form: &Form) {
    let Some(storage) = storage() else { return };
    let object = js_sys::Object::new();
    let set = |name: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(&object, &name.into(), &value);
    };
    set("title", form.draft.title.as_str().into());
    for cycle in Cycle::ALL {
        set(
            cycle.name(),
            form.draft.answers[cycle as usize].as_str().into(),
        );
    }
    set("links", form.draft.links.as_str().into());
    set("tags", form.draft.tags.as_str().into());
    set("share", form.draft.share_with_sponsors.into());
    set("anonymous", form.draft.anonymous.into());
    let more: Vec<&str> = Cycle::ALL
        .into_iter()
        .filter(|cycle| form.draft.more[*cycle as usize])
        .map(Cycle::name)
        .collect();
    set("more", more.join(",").into());
    set("step", (form.step as f64).into());
    set("saved_at", js_sys::Date::now().into());
    if let Some((key, body)) = &form.pending {
        set("key", key.as_str().into());
        set("body", body.as_str().into());
    }
    if let Some(text) = js_sys::JSON::stringify(&object)
        .ok()
        .and_then(|text| text.as_string())
    {
        // A full or forbidden storage keeps the draft in the page only: nothing to tell.
        let _ = storage.set_item(&storage_key(config), &text);
    }
}

fn forget(config: &WidgetConfig) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&storage_key(config));
    }
}

/// The story's JSON, as the contract's `StoryRequest`: the answers of the required and the
/// chosen questions.
fn body(draft: &Draft, requirements: &Requirements) -> String {
    let object = js_sys::Object::new();
    let set = |target: &js_sys::Object, name: &str, value: JsValue| {
        let _ = js_sys::Reflect::set(target, &name.into(), &value);
    };
    set(&object, "title", draft.title.as_str().into());
    let answers = js_sys::Object::new();
    for cycle in draft.included(requirements) {
        let answer = draft.answers[cycle as usize].trim();
        if !answer.is_empty() {
            set(&answers, cycle.name(), answer.into());
        }
    }
    set(&object, "answers", answers.into());
    let list = |items: Vec<String>| {
        items
            .into_iter()
            .map(JsValue::from)
            .collect::<js_sys::Array>()
    };
    set(&object, "links", list(draft.links()).into());
    set(&object, "tags", list(draft.tags()).into());
    set(
        &object,
        "share_with_sponsors",
        draft.share_with_sponsors.into(),
    );
    set(&object, "anonymous", draft.anonymous.into());
    js_sys::JSON::stringify(&object)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// Runs `f` on the form; `notify` renders afterwards (typing does not).
fn with_form(phase: RwSignal<Phase>, notify: bool, f: impl FnOnce(&mut Form)) {
    let update = |phase: &mut Phase| {
        if let Phase::Ready(Model::Story(form)) = phase {
            f(form);
        }
    };
    if notify {
        phase.try_update(update);
    } else {
        phase.try_update_untracked(update);
    }
}

fn config_of(setup: RwSignal<Setup>) -> Option<WidgetConfig> {
    setup
        .try_with_untracked(|setup| setup.config.clone().ok())
        .flatten()
}

/// The member typed into a field or ticked a box: the model follows, the draft is saved
/// shortly after (not on every key), nothing re-renders.
pub fn input(target: &Element, phase: RwSignal<Phase>, setup: RwSignal<Setup>) {
    let Some(name) = target.get_attribute("name") else {
        return;
    };
    let value = js_sys::Reflect::get(target, &"value".into())
        .ok()
        .and_then(|v| v.as_string());
    let checked = js_sys::Reflect::get(target, &"checked".into()).is_ok_and(|v| v.is_truthy());
    let mut schedule = false;
    with_form(phase, false, |form| {
        match name.as_str() {
            "share" => form.draft.share_with_sponsors = checked,
            "anonymous" => form.draft.anonymous = checked,
            more if more.starts_with("more-") => {
                if let Some(cycle) = more.strip_prefix("more-").and_then(Cycle::from_name) {
                    form.draft.more[cycle as usize] = checked;
                }
            }
            field => {
                if let (Some(text), Some(value)) = (form.draft.text_mut(field), value.as_ref()) {
                    text.clone_from(value);
                }
            }
        }
        schedule = !form.saving;
        form.saving = true;
    });
    if schedule {
        Executor::spawn_local(async move {
            client::sleep(400).await;
            let Some(config) = config_of(setup) else {
                return;
            };
            with_form(phase, false, |form| {
                form.saving = false;
                save(&config, form);
            });
        });
    }
}

/// A button of the form: `continue`, `back`, `goto` (with `data-step`), `submit`,
/// `draft-continue`, `draft-discard`, `another`.
pub fn act(action: &str, target: &Element, phase: RwSignal<Phase>, setup: RwSignal<Setup>) {
    let Some(config) = config_of(setup) else {
        return;
    };
    let requirements = requirements(&config);
    let mut submit = false;
    with_form(phase, true, |form| {
        form.focus = true;
        let steps = steps(&config, &form.draft);
        match action {
            "continue" => {
                let step = steps.get(form.step).copied();
                form.errors = if step == Some(Step::More) {
                    // On the page to choose on, the rule is about the choice: the answers
                    // come next.
                    let optional = story::optional(&questions(&config), &requirements);
                    let chosen = optional.iter().any(|c| form.draft.more[*c as usize]);
                    (requirements.one_more && !chosen)
                        .then(|| {
                            FieldError::new(
                                "/answers",
                                "one-more-cycle",
                                story::message("one-more-cycle", "/answers", Lang::En),
                            )
                        })
                        .into_iter()
                        .collect()
                } else {
                    let on_page = fields(step);
                    form.draft
                        .check(&requirements)
                        .into_iter()
                        .filter(|error| on_page.contains(&field_of(&error.pointer)))
                        .collect()
                };
                if form.errors.is_empty() {
                    form.step = (form.step + 1).min(steps.len() - 1);
                }
            }
            "back" => {
                form.errors.clear();
                form.step = form.step.saturating_sub(1);
            }
            "goto" => {
                let step = target
                    .get_attribute("data-step")
                    .and_then(|step| step.parse().ok());
                form.step = step.unwrap_or(0).min(steps.len() - 1);
                // A problem found on the review page (perhaps by the server, whose rules the
                // form cannot run again) goes along to its field.
                let on_page = fields(steps.get(form.step).copied());
                form.errors
                    .retain(|error| on_page.contains(&field_of(&error.pointer)));
            }
            "submit" => {
                form.errors = form.draft.check(&requirements);
                submit = form.errors.is_empty()
                    && !matches!(form.stage, Stage::Sending | Stage::Pending(_));
            }
            "draft-continue" => form.stage = Stage::Editing,
            "draft-discard" | "another" => {
                forget(&config);
                *form = start(&config);
                form.focus = true;
            }
            _ => {}
        }
        save(&config, form);
    });
    if submit {
        send(phase, setup);
    }
}

/// The page that asks for `field`; the whole story's rule (`""`, one more answer) points at
/// the page to choose more questions on.
fn page_of(steps: &[Step], field: &str) -> Option<usize> {
    steps
        .iter()
        .position(|step| fields(Some(*step)).contains(&field))
}

/// The fields a page shows.
fn fields(step: Option<Step>) -> &'static [&'static str] {
    match step {
        Some(Step::Title) => &["title"],
        Some(Step::Cycle(cycle)) => &story::CYCLE_NAMES[cycle as usize..cycle as usize + 1],
        Some(Step::More) => &[""],
        Some(Step::Extras) => &["links", "tags"],
        _ => &[],
    }
}

/// Sends the story (again, if a submission is pending) until the server answers: retried
/// with backoff while the network or the server fails, stopped by an answer or by unmounting.
pub fn send(phase: RwSignal<Phase>, setup: RwSignal<Setup>) {
    let Some(config) = config_of(setup) else {
        return;
    };
    let (lang, widget) = setup.with_untracked(|setup| (setup.lang, setup.id));
    let requirements = requirements(&config);
    let mut sending = None;
    with_form(phase, true, |form| {
        let body = body(&form.draft, &requirements);
        // A changed story is a new submission; the same one keeps its key.
        let key = match &form.pending {
            Some((key, sent)) if *sent == body => key.clone(),
            _ => client::new_key(),
        };
        form.pending = Some((key.clone(), body.clone()));
        form.stage = Stage::Sending;
        save(&config, form);
        sending = Some((key, body));
    });
    let Some((key, body)) = sending else { return };
    let request = Request {
        url: url(&config).to_owned(),
        credentials: config.credentials,
        timeout_ms: config.timeout_ms,
        retries: 0,
    };
    Executor::spawn_local(async move {
        let mut retry = 0;
        loop {
            let answer = client::post_json(&request, &body, &key).await;
            let stage = match answer {
                Ok(answer) if (200..300).contains(&answer.status) => {
                    Stage::Stored(stored(answer.body.as_ref(), &request.url, &config))
                }
                Ok(answer) if answer.status == 401 => Stage::Expired,
                Ok(answer) => match (
                    field_errors(answer.body.as_ref()),
                    Failure::from_status(answer.status),
                ) {
                    (errors, _) if !errors.is_empty() => {
                        // The member goes to the first field the server named.
                        with_form(phase, true, |form| {
                            let steps = steps(&config, &form.draft);
                            let first = errors
                                .iter()
                                .find_map(|error| page_of(&steps, field_of(&error.pointer)));
                            form.step = first.unwrap_or(form.step);
                            form.errors.clone_from(&errors);
                            form.stage = Stage::Editing;
                            form.focus = true;
                        });
                        return;
                    }
                    (_, Some(failure)) if failure.is_transient() => {
                        Stage::Pending(failure.message(lang))
                    }
                    (_, failure) => Stage::NotSent(
                        failure
                            .unwrap_or(Failure::Http(answer.status))
                            .message(lang),
                    ),
                },
                // No answer at all: with its key, sending again is always safe.
                Err(failure) => Stage::Pending(failure.message(lang)),
            };
            let waiting = matches!(stage, Stage::Pending(_));
            let mut mounted = false;
            with_form(phase, true, |form| {
                mounted = true;
                if let Stage::Stored(_) = stage {
                    form.pending = None;
                    form.draft = Draft::default();
                    form.step = 0;
                    forget(&config);
                }
                form.stage = stage.clone();
                form.focus = true;
            });
            if let (true, Stage::Stored(stored)) = (mounted, &stage) {
                // For the host page: e.g. to thank the member elsewhere or count stories.
                let detail = js_sys::Object::new();
                host::set(&detail, "widget", "value-story");
                host::set(&detail, "id", &stored.id);
                host::set(&detail, "url", stored.link.as_deref().unwrap_or_default());
                registry::dispatch(widget, "cop:submitted", &detail);
            }
            if !mounted || !waiting {
                return;
            }
            client::sleep(backoff_ms(retry)).await;
            retry += 1;
        }
    });
}

/// The stored story from the server's answer (what it kept, trimmed, as plain text), read
/// through the placeholder's `data-map-*` (`cop_core::story::STORED_FIELDS`). The story is
/// stored whatever the answer holds: what cannot be read is left out, and the console says so.
fn stored(body: Option<&Js>, url: &str, config: &WidgetConfig) -> Stored {
    let fields = body.and_then(|body| {
        let read = crate::widgets::map(body, story::STORED_FIELDS, config);
        if let Err(shape) = &read {
            let message = Failure::WrongShape(shape.clone()).message(Lang::En);
            host::warn_once(format!("cop-widgets: {message}"));
        }
        read.ok()
    });
    let text = |name: &str| {
        fields
            .as_ref()
            .and_then(|fields| fields.text(name))
            .unwrap_or_default()
    };
    let answers = fields.as_ref().map_or_else(Vec::new, |fields| {
        let item = |answer: &Js, name| {
            fields
                .item(answer, "answers", name)
                .and_then(|value| value.as_text())
                .unwrap_or_default()
        };
        fields
            .items("answers")
            .iter()
            .filter_map(|answer| {
                Some((
                    Cycle::from_name(&item(answer, "cycle"))?,
                    item(answer, "text"),
                ))
            })
            .collect()
    });
    // Numbers are ids too: many backends number their records.
    let id = text("id");
    let link = match text("url") {
        // A link in the answer is relative to the address it came from.
        link if !link.is_empty() => host::web_link(&link, Some(url)),
        _ => (!id.is_empty()).then(|| format!("{url}/{}", cop_core::template::percent_encode(&id))),
    };
    Stored {
        id,
        title: text("title"),
        answers,
        link,
    }
}

/// The field errors of a problem-details answer (RFC 9457 `errors`), as the rules name them.
fn field_errors(body: Option<&Js>) -> Vec<FieldError> {
    let list = body.and_then(|body| body.child("errors"));
    let mut errors = Vec::new();
    for error in list.map_or_else(Vec::new, |list| list.items()) {
        let text = |name: &str| {
            error
                .child(name)
                .and_then(|value| value.as_text())
                .unwrap_or_default()
        };
        errors.push(FieldError::new(
            &text("pointer"),
            &text("code"),
            text("message"),
        ));
    }
    errors
}

fn question(cycle: Cycle) -> (Msg, Msg) {
    [
        (Msg::QImmediate, Msg::HImmediate),
        (Msg::QPotential, Msg::HPotential),
        (Msg::QApplied, Msg::HApplied),
        (Msg::QRealized, Msg::HRealized),
        (Msg::QReframing, Msg::HReframing),
        (Msg::QStrategic, Msg::HStrategic),
        (Msg::QEnabling, Msg::HEnabling),
        (Msg::QLoop, Msg::HLoop),
    ][cycle as usize]
}

/// The form as this state shows it: a Leptos view in which every value from the draft, the
/// server or the page is a text node or an attribute value. Built anew by
/// `chunks::story_view` only when the form or its setup changed, which is on the member's
/// actions and the submission's answers: typing changes the draft without a render.
pub fn view(setup: &Setup, config: &WidgetConfig, form: &Form) -> impl IntoView {
    let lang = setup.lang;
    let not_kept = (!form.kept).then(|| para("cop-muted", Msg::StoryNotKept.text(lang)));
    let page = match &form.stage {
        Stage::Offer(at) => EitherOf3::A(offer(lang, &setup.locale, *at)),
        Stage::Stored(stored) => EitherOf3::B(confirmation(lang, stored)),
        _ => EitherOf3::C(page(lang, config, form)),
    };
    // The language actually shown (English where the page's has no catalog, as on an Arabic
    // page): its `lang`, and its direction — every catalog language is written left to right,
    // so English fallback text on a right-to-left page keeps its punctuation where it belongs.
    // What the member types follows its own direction (`dir="auto"` on fields and answers).
    view! {
        <section class="cop-card cop-story" lang=lang.code() dir="ltr">
            {para("cop-title", Msg::StoryHeading.text(lang))}
            {not_kept}
            {page}
        </section>
    }
}

/// A draft from an earlier visit: continue it, or start again.
fn offer(lang: Lang, locale: &str, at: f64) -> impl IntoView {
    let when = host::format_time(locale, Some(at), "medium");
    view! {
        <p tabindex="-1">{fill(Msg::StoryDraftOffer.text(lang), &[("when", &when)])}</p>
        <div class="cop-actions">
            {button(Some("draft-continue"), false, Msg::StoryDraftContinue.text(lang))}
            {button(Some("draft-discard"), true, Msg::StoryDraftDiscard.text(lang))}
        </div>
    }
}

/// The page the member is on: where they are, the error summary, the page's questions.
fn page(lang: Lang, config: &WidgetConfig, form: &Form) -> impl IntoView {
    let steps = steps(config, &form.draft);
    let requirements = requirements(config);
    let step = steps.get(form.step).copied().unwrap_or(Step::Review);
    let progress = fill(
        Msg::StoryStep.text(lang),
        &[
            (
                "step",
                &(form.step.min(steps.len().saturating_sub(1)) + 1).to_string(),
            ),
            ("steps", &steps.len().to_string()),
        ],
    );
    let summary = (!form.errors.is_empty()).then(|| {
        let first_more = story::optional(&questions(config), &requirements)
            .first()
            .copied();
        error_summary(lang, form, &steps, step, first_more)
    });
    let error_of = |field: &str| {
        form.errors
            .iter()
            .find(|error| field_of(&error.pointer) == field)
            .map(|error| story::message_of(error, lang))
    };
    // A text field of this page: its error, if any, beside it.
    let text = |name, words, required, value: &str, multiline| {
        field(
            lang,
            name,
            words,
            required,
            value,
            error_of(name),
            multiline,
        )
    };
    let questions = match step {
        Step::Title => Some(EitherOf3::A(text(
            "title",
            (Msg::StoryTitleLabel, Msg::StoryTitleHint),
            true,
            &form.draft.title,
            false,
        ))),
        Step::Cycle(cycle) => Some(EitherOf3::A(text(
            cycle.name(),
            question(cycle),
            requirements.cycles.contains(&cycle),
            &form.draft.answers[cycle as usize],
            true,
        ))),
        Step::Extras => {
            let links = text(
                "links",
                (Msg::StoryLinksLabel, Msg::StoryLinksHint),
                false,
                &form.draft.links,
                true,
            );
            let tags = text(
                "tags",
                (Msg::StoryTagsLabel, Msg::StoryTagsHint),
                false,
                &form.draft.tags,
                false,
            );
            let extras = view! {
                {links}
                {tags}
                {checkbox("share".to_owned(), Msg::StoryShareLabel.text(lang), form.draft.share_with_sponsors)}
                {checkbox("anonymous".to_owned(), Msg::StoryAnonymousLabel.text(lang), form.draft.anonymous)}
            };
            Some(EitherOf3::B(extras))
        }
        Step::More => {
            let optional = story::optional(&questions(config), &requirements);
            let hint = if requirements.one_more {
                Msg::StoryMoreHint
            } else {
                Msg::StoryMoreHintOptional
            };
            Some(EitherOf3::C(more(
                lang,
                &optional,
                form,
                error_of(""),
                hint,
            )))
        }
        Step::Review => None,
    };
    let body = match questions {
        None => Either::Left(review(lang, form, config, &steps)),
        Some(questions) => {
            let back = (step != Step::Title)
                .then(|| button(Some("back"), true, Msg::StoryBack.text(lang)));
            Either::Right(view! {
                <form data-cop-action="continue" novalidate="">
                    {questions}
                    <div class="cop-actions">
                        {button(None, false, Msg::StoryContinue.text(lang))}
                        {back}
                    </div>
                </form>
            })
        }
    };
    view! { <p class="cop-muted cop-small">{progress}</p>{summary}{body} }
}

// The shapes the form's pages repeat, each compiled once (not inlined into every page that
// uses it: `inline(never)` keeps the chunk smaller).

/// A button of the form's, found by its `data-cop-action`; without one, the page's submit
/// button (Continue).
#[inline(never)]
fn button(action: Option<&'static str>, secondary: bool, text: &'static str) -> impl IntoView {
    let class = if secondary {
        "cop-button cop-secondary"
    } else {
        "cop-button"
    };
    let kind = if action.is_some() { "button" } else { "submit" };
    view! { <button type=kind class=class data-cop-action=action>{text}</button> }
}

/// A paragraph of the form's own words.
#[inline(never)]
fn para(class: &'static str, text: &'static str) -> impl IntoView {
    view! { <p class=class>{text}</p> }
}

/// An inline error, which its field names in its `aria-describedby`.
#[inline(never)]
fn error_text(id: String, error: String) -> impl IntoView {
    view! { <p class="cop-error" id=id>{error}</p> }
}

/// A page's heading, which takes focus when the member moved to the page (see
/// `chunks::story_view`).
#[inline(never)]
fn heading(text: &'static str) -> impl IntoView {
    view! { <h2 class="cop-question" tabindex="-1">{text}</h2> }
}

/// One question: its label as the page's heading, its hint, its error, its control.
#[inline(never)]
#[allow(clippy::too_many_arguments)] // called through `page`'s `text`; a struct would only rename them
fn field(
    lang: Lang,
    name: &'static str,
    (label, hint): (Msg, Msg),
    required: bool,
    value: &str,
    error: Option<String>,
    multiline: bool,
) -> impl IntoView {
    let mark = if required {
        Msg::StoryRequiredMark
    } else {
        Msg::StoryOptionalMark
    };
    let id = format!("cop-f-{name}");
    let hint_id = format!("cop-h-{name}");
    let (described, invalid) = match &error {
        Some(_) => (format!("{hint_id} cop-e-{name}"), Some("true")),
        None => (hint_id.clone(), None),
    };
    let error = error.map(|error| error_text(format!("cop-e-{name}"), error));
    let value = value.to_owned();
    let control = if multiline {
        Either::Left(view! {
            <textarea class="cop-input" id=id.clone() name=name.to_owned() rows="6" dir="auto"
                aria-describedby=described aria-invalid=invalid>{value}</textarea>
        })
    } else {
        Either::Right(view! {
            <input class="cop-input" type="text" id=id.clone() name=name.to_owned() value=value dir="auto"
                aria-describedby=described aria-invalid=invalid/>
        })
    };
    view! {
        <div class="cop-field">
            <h2 class="cop-question" tabindex="-1">
                <label for=id>{label.text(lang)}" "<span class="cop-muted">{mark.text(lang)}</span></label>
            </h2>
            <p class="cop-hint" id=hint_id>{hint.text(lang)}</p>
            {error}
            {control}
        </div>
    }
}

/// The optional questions as GOV.UK's checkboxes: a fieldset whose legend is the page's
/// heading, its hint, its error, one box per question.
fn more(
    lang: Lang,
    optional: &[Cycle],
    form: &Form,
    error: Option<String>,
    hint: Msg,
) -> impl IntoView {
    let described = if error.is_some() {
        "cop-h-more cop-e-more"
    } else {
        "cop-h-more"
    };
    let error = error.map(|error| error_text("cop-e-more".to_owned(), error));
    let boxes: Vec<_> = optional
        .iter()
        .map(|cycle| {
            checkbox(
                format!("more-{}", cycle.name()),
                question(*cycle).0.text(lang),
                form.draft.more[*cycle as usize],
            )
        })
        .collect();
    view! {
        <fieldset class="cop-field cop-fieldset" aria-describedby=described.to_owned()>
            <legend>
                {heading(Msg::StoryMoreTitle.text(lang))}
            </legend>
            <p class="cop-hint" id="cop-h-more".to_owned()>{hint.text(lang)}</p>
            {error}
            {boxes}
        </fieldset>
    }
}

/// The id of the control a summary's link for `field` focuses: the whole story's rule (`""`)
/// is about the choice of more questions, whose first box it focuses.
fn anchor(field: &str, steps_more: Option<Cycle>) -> String {
    match (field, steps_more) {
        ("", Some(first)) => format!("more-{}", first.name()),
        (field, _) => field.to_owned(),
    }
}

#[inline(never)]
fn checkbox(name: String, label: &'static str, checked: bool) -> impl IntoView {
    let id = format!("cop-f-{name}");
    view! {
        <div class="cop-check">
            <input type="checkbox" id=id.clone() name=name checked=checked/>
            <label for=id>{label}</label>
        </div>
    }
}

/// A button that goes to another page of the form (the review's "Change", a summary's link to
/// a field on another page).
#[inline(never)]
fn goto(step: usize, text: impl IntoView) -> impl IntoView {
    view! {
        <button type="button" class="cop-link-button" data-cop-action="goto" data-step=step.to_string()>{text}</button>
    }
}

/// A row of answers: the question, the answer, and on the review page a button that goes to
/// the page that asks it (`change`, the page's index).
#[inline(never)]
fn row(lang: Lang, label: &'static str, answer: String, change: Option<usize>) -> impl IntoView {
    let change = change.map(|step| {
        let words = view! {
            {Msg::StoryChange.text(lang)}<span class="cop-visually-hidden">" "{label}</span>
        };
        view! { <dd>{goto(step, words)}</dd> }
    });
    view! {
        <div class="cop-review-row">
            <dt>{label}</dt>
            <dd class="cop-answer" dir="auto">{answer}</dd>
            {change}
        </div>
    }
}

/// GOV.UK's error summary: at the top, takes focus, one link per problem to its field, or
/// to the page that asks for it when the field is on another page (as on the review page).
fn error_summary(
    lang: Lang,
    form: &Form,
    steps: &[Step],
    current: Step,
    first_more: Option<Cycle>,
) -> impl IntoView {
    let items: Vec<_> = form
        .errors
        .iter()
        .map(|error| {
            let field = field_of(&error.pointer);
            let message = story::message_of(error, lang);
            let item = if fields(Some(current)).contains(&field) {
                let anchor = anchor(field, first_more);
                Either::Left(view! {
                    <a href=format!("#cop-f-{anchor}") data-cop-action="focus" data-field=format!("cop-f-{anchor}")>{message}</a>
                })
            } else {
                Either::Right(goto(page_of(steps, field).unwrap_or(0), message))
            };
            view! { <li>{item}</li> }
        })
        .collect();
    view! {
        <div class="cop-error-summary" role="alert" tabindex="-1">
            <h2 class="cop-alert-title">{Msg::StoryErrorSummary.text(lang)}</h2>
            <ul>{items}</ul>
        </div>
    }
}

fn review(lang: Lang, form: &Form, config: &WidgetConfig, steps: &[Step]) -> impl IntoView {
    let page = |wanted: Step| steps.iter().position(|step| *step == wanted).unwrap_or(0);
    let yes_no = |flag: bool| if flag { Msg::StoryYes } else { Msg::StoryNo }.text(lang);
    let required = requirements(config);
    let draft = &form.draft;
    // What was answered, and what must be (shown as not answered, which a server's error can
    // bring back here): an optional question left empty is not a row.
    let mut rows: Vec<(&'static str, String, Step)> = vec![(
        Msg::StoryTitleLabel.text(lang),
        draft.title.clone(),
        Step::Title,
    )];
    for cycle in draft.included(&required) {
        let answer = draft.answers[cycle as usize].clone();
        if required.cycles.contains(&cycle) || !answer.trim().is_empty() {
            rows.push((question(cycle).0.text(lang), answer, Step::Cycle(cycle)));
        }
    }
    let (links, tags) = (draft.links(), draft.tags());
    if !links.is_empty() {
        rows.push((
            Msg::StoryLinksLabel.text(lang),
            links.join("\n"),
            Step::Extras,
        ));
    }
    if !tags.is_empty() {
        rows.push((
            Msg::StoryTagsLabel.text(lang),
            tags.join(", "),
            Step::Extras,
        ));
    }
    rows.push((
        Msg::StoryShareLabel.text(lang),
        yes_no(draft.share_with_sponsors).to_owned(),
        Step::Extras,
    ));
    rows.push((
        Msg::StoryAnonymousLabel.text(lang),
        yes_no(draft.anonymous).to_owned(),
        Step::Extras,
    ));
    let rows: Vec<_> = rows
        .into_iter()
        .map(|(label, value, step)| {
            let value = value.trim();
            let shown = if value.is_empty() {
                Msg::StoryNotAnswered.text(lang).to_owned()
            } else {
                value.to_owned()
            };
            row(lang, label, shown, Some(page(step)))
        })
        .collect();
    // GOV.UK's "add another": back to the choice of questions, when there is one.
    let add_more = steps.contains(&Step::More).then(|| {
        let more = Msg::StoryAddMore.text(lang).to_owned();
        view! { <p>{goto(page(Step::More), more)}</p> }
    });
    let status = match &form.stage {
        Stage::Sending => Some(Msg::StorySending.text(lang).to_owned()),
        Stage::Pending(reason) => Some(fill(Msg::StoryPending.text(lang), &[("reason", reason)])),
        Stage::Expired => Some(Msg::StoryExpired.text(lang).to_owned()),
        Stage::NotSent(reason) => Some(fill(Msg::StoryNotSent.text(lang), &[("reason", reason)])),
        _ => None,
    };
    let status = status.map(|status| view! { <p class="cop-status" role="status">{status}</p> });
    view! {
        {heading(Msg::StoryReviewTitle.text(lang))}
        <dl class="cop-review">{rows}</dl>
        {add_more}
        {status}
        <div class="cop-actions">
            {button(Some("submit"), false, Msg::StorySubmit.text(lang))}
            {button(Some("back"), true, Msg::StoryBack.text(lang))}
        </div>
    }
}

/// GOV.UK's confirmation panel, what happens next, the link to the stored story, then the
/// story as stored.
fn confirmation(lang: Lang, stored: &Stored) -> impl IntoView {
    let link = stored.link.clone().map(|link| {
        view! { <p><a class="cop-link" href=link>{Msg::StoryLink.text(lang)}</a></p> }
    });
    let answers: Vec<_> = stored
        .answers
        .iter()
        .map(|(cycle, text)| row(lang, question(*cycle).0.text(lang), text.clone(), None))
        .collect();
    view! {
        <div class="cop-panel" role="status" tabindex="-1">
            <h2 class="cop-panel-title">{Msg::StoryPanelTitle.text(lang)}</h2>
            {para("cop-stored", Msg::StoryStored.text(lang))}
        </div>
        <h3 class="cop-next-title">{Msg::StoryNextTitle.text(lang)}</h3>
        <p>{Msg::StoryNext.text(lang)}</p>
        {link}
        <h3 class="cop-question" dir="auto">{stored.title.clone()}</h3>
        <dl class="cop-review">{answers}</dl>
        <div class="cop-actions">
            {button(Some("another"), true, Msg::StoryWriteAnother.text(lang))}
        </div>
    }
}
