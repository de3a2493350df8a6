//! The message catalog: every string a widget shows, in English, German, Spanish, Portuguese
//! and French.
//!
//! Each message is one row of five translations, so a missing translation does not compile.
//! Arguments are written `{name}` and filled by [`fill`]. Dates and numbers are not formatted
//! here: the browser's `Intl` does that, so no locale data ships in the wasm.

/// A language the catalog has. Any other BCP 47 tag falls back to English for messages
/// (dates and numbers still follow the full tag through `Intl`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En = 0,
    De = 1,
    Es = 2,
    Pt = 3,
    Fr = 4,
}

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::En, Lang::De, Lang::Es, Lang::Pt, Lang::Fr];

    pub fn code(self) -> &'static str {
        ["en", "de", "es", "pt", "fr"][self as usize]
    }

    /// The catalog language for a BCP 47 tag such as `pt-BR` or `de-CH`: its primary subtag.
    pub fn for_tag(tag: &str) -> Lang {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code() == primary)
            .unwrap_or(Lang::En)
    }
}

macro_rules! catalog {
    ($($(#[$part_doc:meta])* $part:ident {
        $($(#[$doc:meta])* $name:ident => [$en:expr, $de:expr, $es:expr, $pt:expr, $fr:expr $(,)?],)*
    })*) => {
        /// A message of the catalog.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($($(#[$doc])* $name,)*)* }

        /// Whose code shows a message: the platform's (the wasm's main module) or one widget
        /// chunk's. A part's English is where its code is (a chunk's, in that chunk), and a
        /// part's translations are a file of their own: a page downloads the words of the
        /// widgets it shows only.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Part { $($(#[$part_doc])* $part,)* }

        impl Part {
            pub const ALL: &'static [Part] = &[$(Part::$part,)*];
        }

        /// Each part's English, in the order of [`Msg`]'s variants. `static`s, so each string
        /// is in the wasm once, and only where its part's code is: the platform's are read by
        /// [`Msg::text`], a chunk's are handed over by the chunk ([`provide`]).
        #[allow(non_upper_case_globals)]
        pub mod english {
            $(pub static $part: &[&str] = &[$($en,)*];)*
        }

        /// How many messages each part has, in the order of [`Part`].
        const PART_SIZES: &[usize] = &[$(<[&str]>::len(&[$(stringify!($name),)*]),)*];

        /// Every part's English: compiled in with `translations` (native builds).
        #[cfg(feature = "translations")]
        static ALL_ENGLISH: &[&[&str]] = &[$(english::$part,)*];

        /// German, Spanish, Portuguese and French, by [`Msg`]. Compiled in with the
        /// `translations` feature (the server, the tests, the catalog export); the wasm leaves
        /// them out and fetches the one language and the parts a page needs (see [`install`]).
        #[cfg(feature = "translations")]
        static TRANSLATED: &[[&str; 4]] = &[$($([$de, $es, $pt, $fr],)*)*];

        impl Msg {
            pub const ALL: &'static [Msg] = &[$($(Msg::$name,)*)*];
        }
    };
}

impl Part {
    /// Its name in catalog file names (`cop_i18n_de_story.json`; the platform's has none:
    /// `cop_i18n_de.json`).
    pub fn name(self) -> &'static str {
        ["", "hello", "badge", "story", "carousel", "calendar"][self as usize]
    }

    /// Its messages, in [`Msg`] order.
    pub fn messages(self) -> &'static [Msg] {
        let start: usize = PART_SIZES[..self as usize].iter().sum();
        &Msg::ALL[start..start + PART_SIZES[self as usize]]
    }
}

/// A catalog's code as the wasm asks the loader for it and the loader hands it back: `de` for
/// the platform's German, `de_story` for the form's.
pub fn catalog_code(lang: Lang, part: Part) -> String {
    let mut code = lang.code().to_owned();
    if part != Part::Platform {
        code.push('_');
        code.push_str(part.name());
    }
    code
}

/// The language and part of a catalog code ([`catalog_code`]).
pub fn parse_catalog_code(code: &str) -> Option<(Lang, Part)> {
    let (lang, part) = code.split_once('_').unwrap_or((code, ""));
    let lang = *Lang::ALL.iter().find(|l| l.code() == lang)?;
    let part = *Part::ALL.iter().find(|p| p.name() == part)?;
    Some((lang, part))
}

impl Msg {
    /// Its part, and its place among the part's messages.
    pub fn place(self) -> (Part, usize) {
        let mut index = self as usize;
        for (part, size) in Part::ALL.iter().zip(PART_SIZES) {
            if index < *size {
                return (*part, index);
            }
            index -= size;
        }
        (Part::Platform, 0) // unreachable: every message is in a part
    }

    /// The message's text in `lang`, with its `{arguments}` still unfilled. English when the
    /// language's catalog is neither compiled in nor installed. In the wasm, a chunk's message
    /// asked for before the chunk provided its English is "" (and reported: [`on_missing`]).
    pub fn text(self, lang: Lang) -> &'static str {
        let (part, index) = self.place();
        if lang != Lang::En {
            if let Some(text) = translated(lang, self, part, index) {
                return text;
            }
        }
        match english_of(part).and_then(|texts| texts.get(index)) {
            Some(text) => text,
            None => {
                MISSING.with(|hook| {
                    if let Some(hook) = hook.get() {
                        hook(self)
                    }
                });
                ""
            }
        }
    }
}

#[cfg(feature = "translations")]
fn english_of(part: Part) -> Option<&'static [&'static str]> {
    ALL_ENGLISH.get(part as usize).copied()
}

#[cfg(not(feature = "translations"))]
fn english_of(part: Part) -> Option<&'static [&'static str]> {
    if part == Part::Platform {
        return Some(english::Platform);
    }
    PROVIDED.with(|provided| provided.get(part as usize).and_then(std::cell::Cell::get))
}

std::thread_local! {
    /// Told of a message whose English is not there (see [`Msg::text`]).
    static MISSING: std::cell::Cell<Option<fn(Msg)>> = const { std::cell::Cell::new(None) };
}

/// Has `hook` told of every message shown before its part's English was provided: a bug (a
/// chunk's message shown by the platform), which the wasm reports on the console.
pub fn on_missing(hook: fn(Msg)) {
    MISSING.with(|cell| cell.set(Some(hook)));
}

#[cfg(not(feature = "translations"))]
std::thread_local! {
    /// The chunks' English, by [`Part`], as each chunk provided it.
    static PROVIDED: [std::cell::Cell<Option<&'static [&'static str]>>; 6] = const { [const { std::cell::Cell::new(None) }; 6] };
}

/// A chunk's English for its `part` (`english::<Part>`, which only the chunk names), handed
/// over when the chunk has loaded. Native builds have every part already.
pub fn provide(part: Part, texts: &'static [&'static str]) {
    #[cfg(not(feature = "translations"))]
    PROVIDED.with(|provided| {
        if let Some(cell) = provided.get(part as usize) {
            cell.set(Some(texts));
        }
    });
    #[cfg(feature = "translations")]
    let _ = (part, texts);
}

#[cfg(feature = "translations")]
fn translated(lang: Lang, msg: Msg, _part: Part, _index: usize) -> Option<&'static str> {
    Some(TRANSLATED[msg as usize][lang as usize - 1])
}

#[cfg(not(feature = "translations"))]
fn translated(lang: Lang, _msg: Msg, part: Part, index: usize) -> Option<&'static str> {
    INSTALLED.with(|installed| {
        let texts = installed.borrow()[lang as usize][part as usize]?;
        texts.get(index).map(String::as_str)
    })
}

#[cfg(not(feature = "translations"))]
std::thread_local! {
    /// Catalogs fetched at run time, by [`Lang`] and [`Part`]. Leaked on purpose: each
    /// installed once for the page's lifetime, and `&'static str` keeps [`Msg::text`] cheap.
    static INSTALLED: std::cell::RefCell<[[Option<&'static [String]>; 6]; 5]> = const { std::cell::RefCell::new([[None; 6]; 5]) };
}

/// Why a fetched catalog was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogError {
    /// It has another number of messages: a catalog of another release.
    Length { found: usize, expected: usize },
    /// A message's `{arguments}` differ from English: filling it would show raw braces.
    Arguments(usize),
}

/// Installs `lang`'s messages of `part`, fetched as the JSON array [`export`] wrote (in
/// [`Msg`] order). Refused, and English kept, if it has another number of messages. (The
/// files are named by content and built with the wasm, and the native tests run [`check`] on
/// every export, so the wasm does not repeat the argument check.)
#[cfg(not(feature = "translations"))]
pub fn install(lang: Lang, part: Part, texts: Vec<String>) -> Result<(), CatalogError> {
    let expected = PART_SIZES[part as usize];
    if texts.len() != expected {
        return Err(CatalogError::Length {
            found: texts.len(),
            expected,
        });
    }
    INSTALLED.with(|installed| {
        installed.borrow_mut()[lang as usize][part as usize] =
            Some(Box::leak(texts.into_boxed_slice()))
    });
    Ok(())
}

/// Whether `lang`'s messages of `part` can be shown without fetching anything.
pub fn is_available(lang: Lang, part: Part) -> bool {
    lang == Lang::En
        || part
            .messages()
            .first()
            .is_none_or(|msg| translated(lang, *msg, part, 0).is_some())
}

/// Whether `texts` fit this build's `part`: one per message, each with English's arguments.
#[cfg(feature = "translations")]
pub fn check<S: AsRef<str>>(part: Part, texts: &[S]) -> Result<(), CatalogError> {
    let messages = part.messages();
    if texts.len() != messages.len() {
        return Err(CatalogError::Length {
            found: texts.len(),
            expected: messages.len(),
        });
    }
    for (index, (text, msg)) in texts.iter().zip(messages).enumerate() {
        if !same_arguments(text.as_ref(), msg.text(Lang::En)) {
            return Err(CatalogError::Arguments(index));
        }
    }
    Ok(())
}

/// Whether `text` has the `{argument}`s of `english`, in any order, and no others.
#[cfg(feature = "translations")]
fn same_arguments(text: &str, english: &str) -> bool {
    let count = |text: &str| {
        text.split('{')
            .skip(1)
            .filter(|part| part.contains('}'))
            .count()
    };
    count(text) == count(english)
        && english
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}'))
            .all(|(name, _)| {
                text.split('{')
                    .skip(1)
                    .any(|part| part.split_once('}').is_some_and(|(other, _)| other == name))
            })
}

/// A language's catalog of `part` as the JSON array the browser fetches (`scripts/build.sh`
/// writes one file per language and part next to the wasm).
#[cfg(feature = "translations")]
pub fn export(lang: Lang, part: Part) -> String {
    let texts: Vec<&str> = part.messages().iter().map(|msg| msg.text(lang)).collect();
    serde_json::to_string(&texts).unwrap_or_default()
}

catalog! {
    // The platform's (the main module): every widget's loading, configuration problems, failures,
    // and the pill's words; also what two chunks share (durations).
    Platform {
    Loading => ["Loading…", "Wird geladen…", "Cargando…", "Carregando…", "Chargement…"],
    Retry => ["Try again", "Erneut versuchen", "Reintentar", "Tentar novamente", "Réessayer"],

    // Configuration problems: shown in the widget's space, naming the attribute.
    ConfigTitle => [
        "This widget is not set up correctly",
        "Dieses Widget ist nicht richtig eingerichtet",
        "Este widget no está bien configurado",
        "Este widget não está configurado corretamente",
        "Ce widget n’est pas configuré correctement",
    ],
    ConfigHint => [
        "Whoever manages this page can fix it in the widget's data- attributes.",
        "Wer diese Seite verwaltet, kann es in den data-Attributen des Widgets beheben.",
        "Quien administra esta página puede corregirlo en los atributos data- del widget.",
        "Quem administra esta página pode corrigir isso nos atributos data- do widget.",
        "La personne qui gère cette page peut corriger les attributs data- du widget.",
    ],
    ProblemFound => [
        "{attribute}: found “{found}”; expected {expected}.",
        "{attribute}: „{found}“ gefunden; erwartet: {expected}.",
        "{attribute}: se encontró «{found}»; se esperaba {expected}.",
        "{attribute}: encontrado “{found}”; esperado {expected}.",
        "{attribute} : « {found} » trouvé ; attendu : {expected}.",
    ],
    ProblemMissing => [
        "{attribute} is missing; expected {expected}.",
        "{attribute} fehlt; erwartet: {expected}.",
        "Falta {attribute}; se esperaba {expected}.",
        "{attribute} está faltando; esperado {expected}.",
        "{attribute} manque ; attendu : {expected}.",
    ],
    ProblemMisspelt => [
        "{attribute} is not an attribute of this widget; did you mean {suggestion}?",
        "{attribute} ist kein Attribut dieses Widgets; meinten Sie {suggestion}?",
        "{attribute} no es un atributo de este widget; ¿quiso decir {suggestion}?",
        "{attribute} não é um atributo deste widget; você quis dizer {suggestion}?",
        "{attribute} n’est pas un attribut de ce widget ; vouliez-vous dire {suggestion} ?",
    ],
    ExpectOneOf => ["one of: {list}", "einer von: {list}", "uno de: {list}", "um de: {list}", "l’une des valeurs : {list}"],
    ExpectWidget => [
        "a widget name, one of: {list}",
        "ein Widget-Name, einer von: {list}",
        "un nombre de widget, uno de: {list}",
        "um nome de widget, um de: {list}",
        "un nom de widget parmi : {list}",
    ],
    ExpectUrl => [
        "an absolute http(s) address or a path that starts with /",
        "eine absolute http(s)-Adresse oder ein Pfad, der mit / beginnt",
        "una dirección http(s) absoluta o una ruta que empiece por /",
        "um endereço http(s) absoluto ou um caminho que comece com /",
        "une adresse http(s) absolue ou un chemin commençant par /",
    ],
    ExpectApi => [
        "the address of your JSON API, on the widget or on the script tag (data-api)",
        "die Adresse Ihrer JSON-API, am Widget oder am Script-Tag (data-api)",
        "la dirección de su API JSON, en el widget o en la etiqueta script (data-api)",
        "o endereço da sua API JSON, no widget ou na tag script (data-api)",
        "l’adresse de votre API JSON, sur le widget ou sur la balise script (data-api)",
    ],
    ExpectLocale => [
        "a language tag such as en, de-CH or pt-BR",
        "ein Sprach-Tag wie en, de-CH oder pt-BR",
        "una etiqueta de idioma como en, de-CH o pt-BR",
        "uma etiqueta de idioma como en, de-CH ou pt-BR",
        "une étiquette de langue comme en, de-CH ou pt-BR",
    ],
    ExpectKnownLocale => [
        "a language this browser knows, such as en, de-CH or pt-BR",
        "eine Sprache, die dieser Browser kennt, etwa en, de-CH oder pt-BR",
        "un idioma que este navegador conozca, como en, de-CH o pt-BR",
        "um idioma que este navegador conheça, como en, de-CH ou pt-BR",
        "une langue connue de ce navigateur, comme en, de-CH ou pt-BR",
    ],
    ExpectNoSpaces => [
        "the same value without spaces around it",
        "derselbe Wert ohne Leerzeichen davor oder danach",
        "el mismo valor sin espacios alrededor",
        "o mesmo valor sem espaços ao redor",
        "la même valeur sans espaces autour",
    ],
    ExpectWholeNumber => [
        "a whole number from {min} to {max}",
        "eine ganze Zahl von {min} bis {max}",
        "un número entero de {min} a {max}",
        "um número inteiro de {min} a {max}",
        "un nombre entier de {min} à {max}",
    ],
    ExpectPointer => [
        "a JSON Pointer such as /data/name (RFC 6901)",
        "ein JSON Pointer wie /data/name (RFC 6901)",
        "un JSON Pointer como /data/name (RFC 6901)",
        "um JSON Pointer como /data/name (RFC 6901)",
        "un JSON Pointer comme /data/name (RFC 6901)",
    ],
    ExpectField => [
        "data-map- followed by one of the fields: {list}",
        "data-map- gefolgt von einem der Felder: {list}",
        "data-map- seguido de uno de los campos: {list}",
        "data-map- seguido de um dos campos: {list}",
        "data-map- suivi de l’un des champs : {list}",
    ],
    ExpectBatchTemplate => [
        "an address with {members} once, where the ids go",
        "eine Adresse mit {members} genau einmal, für die IDs",
        "una dirección con {members} una vez, para los ids",
        "um endereço com {members} uma vez, para os ids",
        "une adresse avec {members} une fois, pour les identifiants",
    ],
    ExpectWords => [
        "word=known word, comma-separated; known words: {list}",
        "Wort=bekanntes Wort, durch Kommas getrennt; bekannte Wörter: {list}",
        "palabra=palabra conocida, separadas por comas; conocidas: {list}",
        "palavra=palavra conhecida, separadas por vírgulas; conhecidas: {list}",
        "mot=mot connu, séparés par des virgules ; mots connus : {list}",
    ],
    ExpectTemplateAttribute => [
        "an attribute {attribute} to fill “{part}” in the endpoint",
        "ein Attribut {attribute}, um „{part}“ im Endpunkt zu füllen",
        "un atributo {attribute} para completar «{part}» en el endpoint",
        "um atributo {attribute} para preencher “{part}” no endpoint",
        "un attribut {attribute} pour remplir « {part} » dans l’endpoint",
    ],
    ExpectTemplate => [
        "a path such as /communities/{community}, with each {…} closed",
        "ein Pfad wie /communities/{community}, jedes {…} geschlossen",
        "una ruta como /communities/{community}, con cada {…} cerrada",
        "um caminho como /communities/{community}, com cada {…} fechado",
        "un chemin comme /communities/{community}, chaque {…} fermée",
    ],
    ExpectJsonScript => [
        "valid JSON inside <script type=\"application/json\">",
        "gültiges JSON in <script type=\"application/json\">",
        "JSON válido dentro de <script type=\"application/json\">",
        "JSON válido dentro de <script type=\"application/json\">",
        "du JSON valide dans <script type=\"application/json\">",
    ],


    // Request failures: each its own message; the widget adds a retry button.
    FailTitle => [
        "This could not be loaded",
        "Das konnte nicht geladen werden",
        "No se pudo cargar",
        "Não foi possível carregar",
        "Le chargement a échoué",
    ],
    FailOffline => [
        "You seem to be offline. It will load again when your connection is back.",
        "Sie scheinen offline zu sein. Es wird neu geladen, sobald die Verbindung zurück ist.",
        "Parece que no tiene conexión. Se cargará de nuevo cuando vuelva la conexión.",
        "Parece que você está offline. Vai carregar de novo quando a conexão voltar.",
        "Vous semblez hors ligne. Le contenu se rechargera au retour de la connexion.",
    ],
    FailUnreachable => [
        "The server could not be reached. It may be down, or it may not allow this page to use it.",
        "Der Server war nicht erreichbar. Er ist vielleicht ausgefallen oder erlaubt dieser Seite keinen Zugriff.",
        "No se pudo contactar con el servidor. Puede estar caído o no permitir el acceso desde esta página.",
        "Não foi possível contatar o servidor. Ele pode estar fora do ar ou não permitir o acesso desta página.",
        "Le serveur est injoignable. Il est peut-être arrêté, ou n’autorise pas cette page.",
    ],
    FailTimeout => [
        "The server took too long to answer.",
        "Der Server hat zu lange nicht geantwortet.",
        "El servidor tardó demasiado en responder.",
        "O servidor demorou demais para responder.",
        "Le serveur a mis trop de temps à répondre.",
    ],
    FailUnauthorized => [
        "You need to sign in to see this. Sign in, then try again.",
        "Sie müssen angemeldet sein, um das zu sehen. Melden Sie sich an und versuchen Sie es erneut.",
        "Debe iniciar sesión para ver esto. Inicie sesión y vuelva a intentarlo.",
        "Você precisa entrar para ver isto. Entre e tente novamente.",
        "Vous devez vous connecter pour voir ceci. Connectez-vous, puis réessayez.",
    ],
    FailForbidden => [
        "Your account is not allowed to see this.",
        "Ihr Konto darf das nicht sehen.",
        "Su cuenta no tiene permiso para ver esto.",
        "Sua conta não tem permissão para ver isto.",
        "Votre compte n’a pas le droit de voir ceci.",
    ],
    FailNotFound => [
        "The server does not know this (error 404). The widget's settings may be out of date.",
        "Der Server kennt das nicht (Fehler 404). Die Einstellungen des Widgets sind vielleicht veraltet.",
        "El servidor no conoce esto (error 404). La configuración del widget puede estar desactualizada.",
        "O servidor não conhece isto (erro 404). As configurações do widget podem estar desatualizadas.",
        "Le serveur ne connaît pas ceci (erreur 404). Les réglages du widget sont peut-être périmés.",
    ],
    FailRateLimited => [
        "The server is busy. Wait a moment, then try again.",
        "Der Server ist ausgelastet. Warten Sie kurz und versuchen Sie es dann erneut.",
        "El servidor está ocupado. Espere un momento y vuelva a intentarlo.",
        "O servidor está ocupado. Aguarde um momento e tente novamente.",
        "Le serveur est surchargé. Patientez un instant, puis réessayez.",
    ],
    FailServer => [
        "The server had a problem (error {status}). Try again later.",
        "Der Server hatte ein Problem (Fehler {status}). Versuchen Sie es später erneut.",
        "El servidor tuvo un problema (error {status}). Vuelva a intentarlo más tarde.",
        "O servidor teve um problema (erro {status}). Tente novamente mais tarde.",
        "Le serveur a rencontré un problème (erreur {status}). Réessayez plus tard.",
    ],
    FailHttp => [
        "The server refused the request (error {status}).",
        "Der Server hat die Anfrage abgelehnt (Fehler {status}).",
        "El servidor rechazó la solicitud (error {status}).",
        "O servidor recusou a solicitação (erro {status}).",
        "Le serveur a refusé la requête (erreur {status}).",
    ],
    FailNotLoaded => [
        "This widget could not be loaded. Check your connection, then try again.",
        "Dieses Widget konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
        "No se pudo cargar este widget. Compruebe su conexión y vuelva a intentarlo.",
        "Não foi possível carregar este widget. Verifique sua conexão e tente novamente.",
        "Ce widget n’a pas pu être chargé. Vérifiez votre connexion, puis réessayez.",
    ],
    FailMalformed => [
        "The server's answer could not be read: it is not valid JSON.",
        "Die Antwort des Servers ist nicht lesbar: Sie ist kein gültiges JSON.",
        "No se pudo leer la respuesta del servidor: no es JSON válido.",
        "Não foi possível ler a resposta do servidor: não é um JSON válido.",
        "La réponse du serveur est illisible : ce n’est pas du JSON valide.",
    ],
    FailWrongShape => [
        "The server's answer is not in the expected form: no {kind} for “{field}” at {pointer}.",
        "Die Antwort des Servers hat nicht die erwartete Form: kein Wert ({kind}) für „{field}“ unter {pointer}.",
        "La respuesta del servidor no tiene la forma esperada: falta {kind} para «{field}» en {pointer}.",
        "A resposta do servidor não tem a forma esperada: falta {kind} para “{field}” em {pointer}.",
        "La réponse du serveur n’a pas la forme attendue : pas de {kind} pour « {field} » à {pointer}.",
    ],
    FailWrongMap => [
        "data-map-{field} points at {pointer}, where the answer has no {kind}. Check that attribute against the backend's JSON.",
        "data-map-{field} zeigt auf {pointer}, wo die Antwort keinen Wert ({kind}) hat. Prüfen Sie dieses Attribut anhand des JSON des Backends.",
        "data-map-{field} apunta a {pointer}, donde la respuesta no tiene {kind}. Compruebe ese atributo con el JSON del servidor.",
        "data-map-{field} aponta para {pointer}, onde a resposta não tem {kind}. Confira esse atributo com o JSON do servidor.",
        "data-map-{field} désigne {pointer}, où la réponse n’a pas de {kind}. Vérifiez cet attribut d’après le JSON du serveur.",
    ],
    FailWrongItems => [
        "No item of the list at {list} has a value at {pointer} ({kind}). Set data-map-{field} to where each item holds it (a pointer inside the item).",
        "Kein Eintrag der Liste unter {list} hat einen Wert unter {pointer} ({kind}). Setzen Sie data-map-{field} auf die Stelle, an der jeder Eintrag ihn hat (ein Pointer innerhalb des Eintrags).",
        "Ningún elemento de la lista en {list} tiene un valor en {pointer} ({kind}). Indique en data-map-{field} dónde lo tiene cada elemento (un puntero dentro del elemento).",
        "Nenhum item da lista em {list} tem um valor em {pointer} ({kind}). Indique em data-map-{field} onde cada item o tem (um ponteiro dentro do item).",
        "Aucun élément de la liste à {list} n’a de valeur à {pointer} ({kind}). Indiquez dans data-map-{field} où chaque élément le contient (un pointeur à l’intérieur de l’élément).",
    ],
    KindText => ["text", "Text", "texto", "texto", "texte"],
    KindId => ["text or number", "Text oder Zahl", "texto o número", "texto ou número", "texte ou nombre"],
    KindNumber => ["number", "Zahl", "número", "número", "nombre"],
    KindCount => [
        "whole number (0 or more)",
        "ganze Zahl (0 oder mehr)",
        "número entero (0 o más)",
        "número inteiro (0 ou mais)",
        "nombre entier (0 ou plus)",
    ],
    KindBoolean => ["true or false", "wahr oder falsch", "verdadero o falso", "verdadeiro ou falso", "vrai ou faux"],
    KindList => ["list", "Liste", "lista", "lista", "liste"],
    KindValue => ["value", "Wert", "valor", "valor", "valeur"],
    Crashed => [
        "This widget stopped after an internal error. Reloading the page may help.",
        "Dieses Widget wurde nach einem internen Fehler angehalten. Neu laden hilft vielleicht.",
        "Este widget se detuvo por un error interno. Recargar la página puede ayudar.",
        "Este widget parou após um erro interno. Recarregar a página pode ajudar.",
        "Ce widget s’est arrêté après une erreur interne. Recharger la page peut aider.",
    ],
    // The participation badge: levels (centre out), what they mean, trajectories.
    LevelCore => ["Core group", "Kerngruppe", "Grupo central", "Grupo central", "Noyau"],
    LevelActive => ["Active", "Aktiv", "Activo", "Ativo", "Actif"],
    LevelOccasional => ["Occasional", "Gelegentlich", "Ocasional", "Ocasional", "Occasionnel"],
    LevelPeripheral => ["Peripheral", "Am Rand", "Periférico", "Periférico", "Périphérique"],
    LevelTransactional => ["Transactional", "Transaktional", "Transaccional", "Transacional", "Transactionnel"],
    MeansCore => [
        "Takes on the community's work, often with the coordinator.",
        "Trägt die Arbeit der Community, oft mit der Koordination.",
        "Asume el trabajo de la comunidad, a menudo con la coordinación.",
        "Assume o trabalho da comunidade, muitas vezes com a coordenação.",
        "Porte le travail de la communauté, souvent avec la coordination.",
    ],
    MeansActive => [
        "Takes part regularly, without leading.",
        "Macht regelmäßig mit, ohne zu leiten.",
        "Participa con regularidad, sin liderar.",
        "Participa com regularidade, sem liderar.",
        "Participe régulièrement, sans animer.",
    ],
    MeansOccasional => [
        "Takes part when a topic is of interest.",
        "Macht mit, wenn ein Thema interessiert.",
        "Participa cuando un tema le interesa.",
        "Participa quando um tema interessa.",
        "Participe quand un sujet l’intéresse.",
    ],
    MeansPeripheral => [
        "Watches and learns; rarely contributes.",
        "Liest mit und lernt; trägt selten bei.",
        "Observa y aprende; rara vez contribuye.",
        "Observa e aprende; raramente contribui.",
        "Observe et apprend ; contribue rarement.",
    ],
    MeansTransactional => [
        "Comes by to get or give a service.",
        "Kommt vorbei, um eine Leistung zu holen oder zu geben.",
        "Pasa para obtener o dar un servicio.",
        "Passa para obter ou prestar um serviço.",
        "Passe pour obtenir ou rendre un service.",
    ],
    MeansOther => [
        "A level this community names itself.",
        "Eine Stufe, die diese Community selbst benennt.",
        "Un nivel con nombre propio de esta comunidad.",
        "Um nível com nome próprio desta comunidade.",
        "Un niveau que cette communauté nomme elle-même.",
    ],
    TrajectoryInbound => ["moving inward", "auf dem Weg nach innen", "avanzando hacia el centro", "avançando para o centro", "en route vers le centre"],
    TrajectoryInsider => ["insider", "fest dabei", "dentro", "por dentro", "pilier"],
    TrajectoryPeripheral => ["staying at the edge", "bleibt am Rand", "en el borde", "na borda", "reste en marge"],
    TrajectoryBoundary => ["across communities", "zwischen Communitys", "entre comunidades", "entre comunidades", "entre communautés"],
    TrajectoryOutbound => ["moving out", "auf dem Weg hinaus", "alejándose", "afastando-se", "en retrait"],
    // A pill's tooltip, in sentences: the level and its meaning, which way (one sentence per
    // trajectory; a backend's own word in TrajectoryForeign), the roles.
    TrajectoryInboundSentence => [
        "Moving inward: taking part more in the last four weeks than in the four before.",
        "Auf dem Weg nach innen: in den letzten vier Wochen mehr dabei als in den vier davor.",
        "Avanzando hacia el centro: participa más en las últimas cuatro semanas que en las cuatro anteriores.",
        "Avançando para o centro: participou mais nas últimas quatro semanas do que nas quatro anteriores.",
        "En route vers le centre : participe plus ces quatre dernières semaines que les quatre précédentes.",
    ],
    TrajectoryInsiderSentence => [
        "An insider: taking part steadily, at the core or active.",
        "Fest dabei: macht beständig mit, im Kern oder aktiv.",
        "Dentro: participa de forma constante, en el centro o activo.",
        "Por dentro: participa de forma constante, no centro ou ativo.",
        "Pilier : participe de façon constante, au noyau ou actif.",
    ],
    TrajectoryPeripheralSentence => [
        "Staying at the edge: taking part now and then, steadily.",
        "Bleibt am Rand: macht ab und zu mit, beständig.",
        "En el borde: participa de vez en cuando, de forma constante.",
        "Na borda: participa de vez em quando, de forma constante.",
        "Reste en marge : participe de temps en temps, de façon constante.",
    ],
    TrajectoryBoundarySentence => [
        "Across communities: taking part here and in other communities, a broker between them.",
        "Zwischen Communitys: macht hier und in anderen Communitys mit und verbindet sie.",
        "Entre comunidades: participa aquí y en otras comunidades, y hace de puente entre ellas.",
        "Entre comunidades: participa aqui e em outras comunidades, fazendo a ponte entre elas.",
        "Entre communautés : participe ici et dans d’autres communautés, et fait le lien entre elles.",
    ],
    TrajectoryOutboundSentence => [
        "Moving out: taking part less in the last four weeks than in the four before.",
        "Auf dem Weg hinaus: in den letzten vier Wochen weniger dabei als in den vier davor.",
        "Alejándose: participa menos en las últimas cuatro semanas que en las cuatro anteriores.",
        "Afastando-se: participou menos nas últimas quatro semanas do que nas quatro anteriores.",
        "En retrait : participe moins ces quatre dernières semaines que les quatre précédentes.",
    ],
    TrajectoryForeign => ["Which way: {way}.", "Richtung: {way}.", "Dirección: {way}.", "Direção: {way}.", "Direction : {way}."],
    BadgeRoles => ["Roles: {list}.", "Rollen: {list}.", "Funciones: {list}.", "Papéis: {list}.", "Rôles : {list}."],
    // The contract's role words (cop_core::badge::role_word); a community's own are shown as given.
    RoleCoordinator => ["coordinator", "Koordination", "coordinación", "coordenação", "coordination"],
    RoleLeader => ["leader", "Leitung", "liderazgo", "liderança", "animation"],
    RoleExpert => ["expert", "Fachperson", "persona experta", "pessoa especialista", "expertise"],
    RoleNewcomer => ["newcomer", "neu dabei", "persona recién llegada", "pessoa recém-chegada", "nouvelle arrivée"],
    RoleSponsor => ["sponsor", "Sponsoring", "patrocinio", "patrocínio", "parrainage"],
    RoleSupport => ["support team", "Support-Team", "equipo de apoyo", "equipe de apoio", "équipe d’appui"],
    RoleCriticalFriend => ["critical friend", "kritische Begleitung", "amistad crítica", "amizade crítica", "regard critique"],
    RoleKeeper => ["community keeper", "Community-Pflege", "cuidado de la comunidad", "cuidado da comunidade", "veille de la communauté"],
    RoleSocialReporter => ["social reporter", "Berichterstattung", "reportaje social", "reportagem social", "reportage social"],
    RoleBroker => ["broker", "Brückenbau", "intermediación", "intermediação", "passerelle"],
    BadgeNotMember => [
        "“{member}” is not a member of this community.",
        "„{member}“ ist kein Mitglied dieser Community.",
        "«{member}» no es miembro de esta comunidad.",
        "“{member}” não é membro desta comunidade.",
        "« {member} » n’est pas membre de cette communauté.",
    ],
    BadgeUnknownMember => [
        "No member “{member}” is known here.",
        "Ein Mitglied „{member}“ ist hier nicht bekannt.",
        "No se conoce a ningún miembro «{member}».",
        "Nenhum membro “{member}” é conhecido aqui.",
        "Aucun membre « {member} » n’est connu ici.",
    ],
    ExpectIdentifier => [
        "an id, such as “teachers” or “m-42”",
        "eine Kennung wie „teachers“ oder „m-42“",
        "un identificador, como «teachers» o «m-42»",
        "um identificador, como “teachers” ou “m-42”",
        "un identifiant, comme « teachers » ou « m-42 »",
    ],
    // Durations as read aloud: "4 minutes 12 seconds" (the visible form is 4:12).
    DurationHour => ["1 hour", "1 Stunde", "1 hora", "1 hora", "1 heure"],
    DurationHours => ["{n} hours", "{n} Stunden", "{n} horas", "{n} horas", "{n} heures"],
    DurationMinute => ["1 minute", "1 Minute", "1 minuto", "1 minuto", "1 minute"],
    DurationMinutes => ["{n} minutes", "{n} Minuten", "{n} minutos", "{n} minutos", "{n} minutes"],
    DurationSecond => ["1 second", "1 Sekunde", "1 segundo", "1 segundo", "1 seconde"],
    DurationSeconds => ["{n} seconds", "{n} Sekunden", "{n} segundos", "{n} segundos", "{n} secondes"],
    DurationAnd => [
        "{larger} {smaller}",
        "{larger} {smaller}",
        "{larger} y {smaller}",
        "{larger} e {smaller}",
        "{larger} {smaller}",
    ],
    // The disclosure of every level's meaning: the card's, the spread's and `data-variant="legend"`
    // (with the pills, in the main module: pills are no tab stops).
    BadgeLegend => [
        "What do the levels mean?",
        "Was bedeuten die Stufen?",
        "¿Qué significan los niveles?",
        "O que significam os níveis?",
        "Que signifient les niveaux ?",
    ],
    }

    // The diagnostic widget's (its chunk).
    Hello {

    // The diagnostic widget (data-cop-widget="hello").
    HelloTitle => [
        "cop-widgets is working",
        "cop-widgets funktioniert",
        "cop-widgets funciona",
        "cop-widgets está funcionando",
        "cop-widgets fonctionne",
    ],
    HelloIntro => [
        "This diagnostic widget shows how it was configured.",
        "Dieses Diagnose-Widget zeigt, wie es eingerichtet wurde.",
        "Este widget de diagnóstico muestra cómo se configuró.",
        "Este widget de diagnóstico mostra como foi configurado.",
        "Ce widget de diagnostic montre comment il a été configuré.",
    ],
    HelloCommunity => [
        "Community “{name}”: {count} members.",
        "Community „{name}“: {count} Mitglieder.",
        "Comunidad «{name}»: {count} miembros.",
        "Comunidade “{name}”: {count} membros.",
        "Communauté « {name} » : {count} membres.",
    ],
    HelloNothingFetched => [
        "No data-community is set, so nothing was fetched.",
        "Kein data-community gesetzt, daher wurde nichts geladen.",
        "No hay data-community, así que no se cargó nada.",
        "Nenhum data-community definido, então nada foi carregado.",
        "Aucun data-community : rien n’a été chargé.",
    ],
    HelloRendered => [
        "Shown {when}.",
        "Angezeigt am {when}.",
        "Mostrado el {when}.",
        "Exibido em {when}.",
        "Affiché le {when}.",
    ],
    Unset => ["(not set)", "(nicht gesetzt)", "(sin definir)", "(não definido)", "(non défini)"],
    }

    // The badge's card and community spread (its chunk).
    Badge {
    // The card's 12-week chart: its caption, and its accessible name (the numbers).
    BadgeActivity => [
        "Activity, last {weeks} weeks",
        "Aktivität, letzte {weeks} Wochen",
        "Actividad, últimas {weeks} semanas",
        "Atividade, últimas {weeks} semanas",
        "Activité, {weeks} dernières semaines",
    ],
    BadgeActivityWeeks => [
        "Participations per week, oldest first: {list}",
        "Beteiligungen pro Woche, älteste zuerst: {list}",
        "Participaciones por semana, de la más antigua a la más reciente: {list}",
        "Participações por semana, da mais antiga à mais recente: {list}",
        "Participations par semaine, de la plus ancienne à la plus récente : {list}",
    ],
    BadgeNextStep => [
        "{level} is within reach: {needs}.",
        "{level} ist in Reichweite: {needs}.",
        "{level} está al alcance: {needs}.",
        "{level} está ao alcance: {needs}.",
        "{level} est à portée : {needs}.",
    ],
    // "(measure)" keeps the phrase right for any count, and for a community's own wording.
    BadgeNeed => ["{count} more ({measure})", "noch {count} ({measure})", "{count} más ({measure})", "mais {count} ({measure})", "encore {count} ({measure})"],
    BadgeAtCentre => [
        "At the centre of this community.",
        "Im Zentrum dieser Community.",
        "En el centro de esta comunidad.",
        "No centro desta comunidade.",
        "Au cœur de cette communauté.",
    ],
    BadgeOpenBadge => [
        "Download as an Open Badge",
        "Als Open Badge herunterladen",
        "Descargar como Open Badge",
        "Baixar como Open Badge",
        "Télécharger en Open Badge",
    ],
    MeasureParticipations => ["participations", "Beteiligungen", "participaciones", "participações", "participations"],
    MeasureContributions => ["contributions", "Beiträge", "contribuciones", "contribuições", "contributions"],
    MeasureReplies => ["replies", "Antworten", "respuestas", "respostas", "réponses"],
    MeasureEvents => ["events", "Veranstaltungen", "eventos", "eventos", "événements"],
    MeasureReads => ["reads", "Lektüren", "lecturas", "leituras", "lectures"],
    MeasureDaysActive => ["days active", "aktive Tage", "días activos", "dias ativos", "jours actifs"],

    // The community variant: the coordinator's health check.
    SpreadTitle => ["Levels of participation", "Stufen der Beteiligung", "Niveles de participación", "Níveis de participação", "Niveaux de participation"],
    SpreadMembers => ["{count} members", "{count} Mitglieder", "{count} miembros", "{count} membros", "{count} membres"],
    SpreadLevel => ["Level", "Stufe", "Nivel", "Nível", "Niveau"],
    SpreadCount => ["Members", "Mitglieder", "Miembros", "Membros", "Membres"],
    SpreadShare => ["Share", "Anteil", "Proporción", "Proporção", "Part"],
    SpreadTypical => ["Typical", "Typisch", "Típico", "Típico", "Typique"],
    SpreadOther => ["Other levels", "Andere Stufen", "Otros niveles", "Outros níveis", "Autres niveaux"],
    // The chart's caption: bars are shares of the members, the band behind each the typical range.
    SpreadCaption => [
        "Share of members at each level; the shaded band is the typical range.",
        "Anteil der Mitglieder je Stufe; das schattierte Band ist der typische Bereich.",
        "Proporción de miembros en cada nivel; la franja sombreada es el rango típico.",
        "Proporção de membros em cada nível; a faixa sombreada é o intervalo típico.",
        "Part des membres à chaque niveau ; la bande grisée est la fourchette typique.",
    ],
    // A level whose share is outside its typical range, said in words (not colour alone).
    SpreadBelow => [
        "below the typical range",
        "unter dem typischen Bereich",
        "por debajo del rango típico",
        "abaixo do intervalo típico",
        "sous la fourchette typique",
    ],
    SpreadAbove => [
        "above the typical range",
        "über dem typischen Bereich",
        "por encima del rango típico",
        "acima do intervalo típico",
        "au-dessus de la fourchette typique",
    ],
    HealthAlive => [
        "Alive: a core and an active group carry the community.",
        "Lebendig: eine Kern- und eine aktive Gruppe tragen die Community.",
        "Viva: un grupo central y uno activo sostienen la comunidad.",
        "Viva: um grupo central e um ativo sustentam a comunidade.",
        "Vivante : un noyau et un groupe actif portent la communauté.",
    ],
    HealthThinCore => [
        "Thin core: the community rests on very few people.",
        "Dünner Kern: die Community ruht auf sehr wenigen.",
        "Núcleo débil: la comunidad depende de muy pocas personas.",
        "Núcleo frágil: a comunidade depende de muito poucas pessoas.",
        "Noyau fragile : la communauté repose sur très peu de personnes.",
    ],
    HealthClosed => [
        "Closed: more a team than a community; few newcomers.",
        "Geschlossen: eher ein Team als eine Community; wenig Neue.",
        "Cerrada: más un equipo que una comunidad; pocos recién llegados.",
        "Fechada: mais uma equipe que uma comunidade; poucos novatos.",
        "Fermée : plus une équipe qu’une communauté ; peu de nouveaux.",
    ],
    HealthDormant => [
        "Dormant: no one is at the core or active.",
        "Ruhend: niemand ist im Kern oder aktiv.",
        "Latente: nadie está en el centro ni activo.",
        "Adormecida: ninguém está no centro ou ativo.",
        "En sommeil : personne au noyau ni actif.",
    ],
    HealthNoMembers => [
        "No one has taken part in this community yet.",
        "In dieser Community hat noch niemand mitgemacht.",
        "Nadie ha participado aún en esta comunidad.",
        "Ninguém participou desta comunidade ainda.",
        "Personne n’a encore participé à cette communauté.",
    ],

    // The network variant: every community at a glance, for the lead of many.
    NetworkTitle => [
        "Communities at a glance",
        "Communities im Überblick",
        "Comunidades de un vistazo",
        "Comunidades num relance",
        "Les communautés d’un coup d’œil",
    ],
    // Labels and numbers: no plural forms to get wrong.
    NetworkSummary => [
        "Communities: {count} · needing attention: {attention} · showcases: {showcases}",
        "Communities: {count} · brauchen Aufmerksamkeit: {attention} · Vorbilder: {showcases}",
        "Comunidades: {count} · necesitan atención: {attention} · ejemplares: {showcases}",
        "Comunidades: {count} · precisam de atenção: {attention} · exemplares: {showcases}",
        "Communautés : {count} · à surveiller : {attention} · vitrines : {showcases}",
    ],
    // The answer is a page of a longer list.
    NetworkShowing => [
        "Showing {shown} of {total}",
        "{shown} von {total} angezeigt",
        "Se muestran {shown} de {total}",
        "Mostrando {shown} de {total}",
        "{shown} affichées sur {total}",
    ],
    NetworkEmpty => [
        "No communities yet.",
        "Noch keine Communities.",
        "Aún no hay comunidades.",
        "Ainda não há comunidades.",
        "Pas encore de communautés.",
    ],
    // The table's column headings, each a sort button.
    NetworkCommunity => ["Community", "Community", "Comunidad", "Comunidade", "Communauté"],
    NetworkTrend => ["Trend", "Trend", "Tendencia", "Tendência", "Tendance"],
    NetworkAttention => ["Attention", "Aufmerksamkeit", "Atención", "Atenção", "Attention"],
    // A thriving community the others can learn from, marked in words.
    NetworkShowcase => ["Showcase", "Vorbild", "Ejemplar", "Exemplar", "Vitrine"],
    // Active-or-core members this quarter against the one before; {change} is signed (+4, −3).
    NetworkChange => [
        "{change} active members since last quarter",
        "{change} aktive Mitglieder seit dem letzten Quartal",
        "{change} miembros activos desde el último trimestre",
        "{change} membros ativos desde o último trimestre",
        "{change} membres actifs depuis le dernier trimestre",
    ],
    NetworkSteady => ["Steady", "Stabil", "Estable", "Estável", "Stable"],
    // The verdicts, short (the spread says them in sentences).
    VerdictAlive => ["Alive", "Lebendig", "Viva", "Viva", "Vivante"],
    VerdictThinCore => ["Thin core", "Dünner Kern", "Núcleo débil", "Núcleo frágil", "Noyau fragile"],
    VerdictClosed => ["Closed", "Geschlossen", "Cerrada", "Fechada", "Fermée"],
    VerdictDormant => ["Dormant", "Ruhend", "Latente", "Adormecida", "En sommeil"],
    VerdictNoMembers => ["No members yet", "Noch keine Mitglieder", "Aún sin miembros", "Ainda sem membros", "Pas encore de membres"],
    // Why a community needs its lead's attention.
    AttentionDormant => [
        "no one at the core or active",
        "niemand im Kern oder aktiv",
        "nadie en el centro ni activo",
        "ninguém no centro ou ativo",
        "personne au noyau ni actif",
    ],
    AttentionShrinking => [
        "fewer active members than last quarter",
        "weniger aktive Mitglieder als im letzten Quartal",
        "menos miembros activos que el último trimestre",
        "menos membros ativos que no último trimestre",
        "moins de membres actifs qu’au dernier trimestre",
    ],
    AttentionThinCore => [
        "rests on very few people",
        "ruht auf sehr wenigen",
        "depende de muy pocas personas",
        "depende de muito poucas pessoas",
        "repose sur très peu de personnes",
    ],
    AttentionNoMembers => [
        "no one has joined yet",
        "noch niemand beigetreten",
        "nadie se ha unido aún",
        "ninguém entrou ainda",
        "personne n’a encore rejoint",
    ],
    }

    // The value-story form's and its rules' (its chunk; the server's too).
    Story {
    // The value-creation story's rules (cop_core::story::message), by code.
    StoryTitleRequired => [
        "Give the story a title.",
        "Gib der Geschichte einen Titel.",
        "Ponle un título a la historia.",
        "Dê um título à história.",
        "Donne un titre à l’histoire.",
    ],
    StoryTitleTooLong => [
        "Use at most {max} characters for the title.",
        "Verwende höchstens {max} Zeichen für den Titel.",
        "Usa como máximo {max} caracteres para el título.",
        "Use no máximo {max} caracteres no título.",
        "Utilise au plus {max} caractères pour le titre.",
    ],
    StoryTitleOneLine => [
        "Keep the title on one line.",
        "Schreib den Titel in eine Zeile.",
        "Escribe el título en una sola línea.",
        "Escreva o título em uma só linha.",
        "Écris le titre sur une seule ligne.",
    ],
    StoryAnswerRequired => [
        "Answer this question.",
        "Beantworte diese Frage.",
        "Responde a esta pregunta.",
        "Responda a esta pergunta.",
        "Réponds à cette question.",
    ],
    StoryAnswerTooLong => [
        "Use at most {max} characters here.",
        "Verwende hier höchstens {max} Zeichen.",
        "Usa aquí como máximo {max} caracteres.",
        "Use aqui no máximo {max} caracteres.",
        "Utilise ici au plus {max} caractères.",
    ],
    StoryControlCharacters => [
        "Remove invisible control characters.",
        "Entferne unsichtbare Steuerzeichen.",
        "Quita los caracteres de control invisibles.",
        "Remova os caracteres de controle invisíveis.",
        "Retire les caractères de contrôle invisibles.",
    ],
    StoryOneMoreCycle => [
        "Answer at least one more question: what you got out of it, how you applied it, or what came of it.",
        "Beantworte mindestens eine weitere Frage: was es dir gebracht hat, wie du es angewendet hast oder was daraus wurde.",
        "Responde al menos otra pregunta: qué obtuviste, cómo lo aplicaste o qué resultó.",
        "Responda pelo menos mais uma pergunta: o que você ganhou, como aplicou ou o que resultou.",
        "Réponds à au moins une autre question : ce que tu en as retiré, comment tu l’as appliqué ou ce qui en est sorti.",
    ],
    StoryUnknownCycle => [
        "This is not a question of the story template.",
        "Das ist keine Frage der Vorlage.",
        "Esta no es una pregunta de la plantilla.",
        "Esta não é uma pergunta do modelo.",
        "Ce n’est pas une question du modèle.",
    ],
    StoryInvalidUrl => [
        "Enter a full web address starting with https:// (or http://).",
        "Gib eine vollständige Webadresse ein, die mit https:// (oder http://) beginnt.",
        "Escribe una dirección web completa que empiece por https:// (o http://).",
        "Digite um endereço web completo que comece com https:// (ou http://).",
        "Saisis une adresse web complète qui commence par https:// (ou http://).",
    ],
    StoryTooManyLinks => [
        "Add at most {max} links.",
        "Füge höchstens {max} Links hinzu.",
        "Añade como máximo {max} enlaces.",
        "Adicione no máximo {max} links.",
        "Ajoute au plus {max} liens.",
    ],
    StoryTooManyTags => [
        "Add at most {max} tags.",
        "Füge höchstens {max} Schlagwörter hinzu.",
        "Añade como máximo {max} etiquetas.",
        "Adicione no máximo {max} etiquetas.",
        "Ajoute au plus {max} mots-clés.",
    ],
    StoryInvalidTag => [
        "Use 1 to {max} characters per tag, without commas.",
        "Verwende 1 bis {max} Zeichen pro Schlagwort, ohne Kommas.",
        "Usa de 1 a {max} caracteres por etiqueta, sin comas.",
        "Use de 1 a {max} caracteres por etiqueta, sem vírgulas.",
        "Utilise 1 à {max} caractères par mot-clé, sans virgule.",
    ],
    StoryInvalid => [
        "Check this answer.",
        "Prüfe diese Angabe.",
        "Revisa esta respuesta.",
        "Verifique esta resposta.",
        "Vérifie cette réponse.",
    ],
    // The value-creation story form: its pages, each cycle's question and hint, its states.
    StoryHeading => [
        "Tell the story of what this community did for you",
        "Erzähl, was diese Community dir gebracht hat",
        "Cuenta lo que esta comunidad hizo por ti",
        "Conte o que esta comunidade fez por você",
        "Raconte ce que cette communauté t’a apporté",
    ],
    StoryStep => [
        "Step {step} of {steps}",
        "Schritt {step} von {steps}",
        "Paso {step} de {steps}",
        "Passo {step} de {steps}",
        "Étape {step} sur {steps}",
    ],
    StoryRequiredMark => [
        "(required)",
        "(Pflichtangabe)",
        "(obligatorio)",
        "(obrigatório)",
        "(obligatoire)",
    ],
    StoryOptionalMark => [
        "(optional)",
        "(freiwillig)",
        "(opcional)",
        "(opcional)",
        "(facultatif)",
    ],
    StoryTitleLabel => [
        "Title of your story",
        "Titel deiner Geschichte",
        "Título de tu historia",
        "Título da sua história",
        "Titre de ton histoire",
    ],
    StoryTitleHint => [
        "A few words about what happened, e.g. “A lesson plan that worked in three schools”.",
        "Ein paar Worte darüber, was passiert ist, z. B. „Ein Unterrichtsplan, der an drei Schulen funktioniert hat“.",
        "Unas palabras sobre lo que pasó, p. ej. «Un plan de clase que funcionó en tres escuelas».",
        "Algumas palavras sobre o que aconteceu, p. ex. “Um plano de aula que funcionou em três escolas”.",
        "Quelques mots sur ce qui s’est passé, p. ex. « Un plan de cours qui a marché dans trois écoles ».",
    ],
    QImmediate => [
        "What got you involved? What was the activity?",
        "Was hat dich dazu gebracht mitzumachen? Was war die Aktivität?",
        "¿Qué te llevó a participar? ¿Cuál fue la actividad?",
        "O que levou você a participar? Qual foi a atividade?",
        "Qu’est-ce qui t’a fait participer ? Quelle était l’activité ?",
    ],
    HImmediate => [
        "E.g. “I asked the forum how others assess group work.”",
        "Z. B. „Ich habe im Forum gefragt, wie andere Gruppenarbeit bewerten.“",
        "P. ej. «Pregunté en el foro cómo evalúan otros el trabajo en grupo».",
        "P. ex. “Perguntei no fórum como outros avaliam trabalho em grupo.”",
        "P. ex. « J’ai demandé sur le forum comment d’autres évaluent le travail de groupe. »",
    ],
    QPotential => [
        "What did you get out of it?",
        "Was hat es dir gebracht?",
        "¿Qué obtuviste?",
        "O que você ganhou com isso?",
        "Qu’est-ce que tu en as retiré ?",
    ],
    HPotential => [
        "An insight, a document, a relationship or advice, e.g. “A rubric from a colleague in Lyon.”",
        "Eine Einsicht, ein Dokument, ein Kontakt oder ein Rat, z. B. „Ein Bewertungsraster von einer Kollegin in Lyon.“",
        "Una idea, un documento, un contacto o un consejo, p. ej. «Una rúbrica de una colega de Lyon».",
        "Uma ideia, um documento, um contato ou um conselho, p. ex. “Uma rubrica de uma colega de Lyon.”",
        "Une idée, un document, une relation ou un conseil, p. ex. « Une grille d’une collègue de Lyon. »",
    ],
    QApplied => [
        "How did you apply it?",
        "Wie hast du es angewendet?",
        "¿Cómo lo aplicaste?",
        "Como você aplicou?",
        "Comment l’as-tu appliqué ?",
    ],
    HApplied => [
        "A new practice, a collaboration — or “the advice did not apply”, which is worth telling too.",
        "Eine neue Praxis, eine Zusammenarbeit – oder „der Rat passte nicht“, auch das ist erzählenswert.",
        "Una práctica nueva, una colaboración… o «el consejo no servía», que también vale la pena contar.",
        "Uma nova prática, uma colaboração… ou “o conselho não se aplicava”, o que também vale contar.",
        "Une nouvelle pratique, une collaboration… ou « le conseil ne s’appliquait pas », ce qui vaut aussi d’être raconté.",
    ],
    QRealized => [
        "What was the result?",
        "Was ist daraus geworden?",
        "¿Cuál fue el resultado?",
        "Qual foi o resultado?",
        "Quel a été le résultat ?",
    ],
    HRealized => [
        "Better results, time saved — or a failure and what it taught you.",
        "Bessere Ergebnisse, gesparte Zeit – oder ein Fehlschlag und was er dich gelehrt hat.",
        "Mejores resultados, tiempo ahorrado… o un fracaso y lo que te enseñó.",
        "Melhores resultados, tempo poupado… ou um fracasso e o que ele ensinou.",
        "De meilleurs résultats, du temps gagné… ou un échec et ce qu’il t’a appris.",
    ],
    QReframing => [
        "Did it change how you see things?",
        "Hat es deine Sicht verändert?",
        "¿Cambió tu manera de ver las cosas?",
        "Mudou sua forma de ver as coisas?",
        "Est-ce que ça a changé ta façon de voir ?",
    ],
    HReframing => [
        "A new approach, new criteria of success.",
        "Ein neuer Ansatz, neue Kriterien für Erfolg.",
        "Un enfoque nuevo, nuevos criterios de éxito.",
        "Uma nova abordagem, novos critérios de sucesso.",
        "Une nouvelle approche, de nouveaux critères de réussite.",
    ],
    QStrategic => [
        "Was there a connection to strategy?",
        "Gab es einen Bezug zur Strategie?",
        "¿Hubo una relación con la estrategia?",
        "Houve uma ligação com a estratégia?",
        "Y a-t-il eu un lien avec la stratégie ?",
    ],
    HStrategic => [
        "E.g. “It fed into the district’s plan for inclusive classrooms.”",
        "Z. B. „Es ist in den Plan des Bezirks für inklusive Klassen eingeflossen.“",
        "P. ej. «Alimentó el plan del distrito para aulas inclusivas».",
        "P. ex. “Entrou no plano do distrito para salas inclusivas.”",
        "P. ex. « Cela a nourri le plan du district pour des classes inclusives. »",
    ],
    QEnabling => [
        "What made this story possible?",
        "Was hat diese Geschichte möglich gemacht?",
        "¿Qué hizo posible esta historia?",
        "O que tornou esta história possível?",
        "Qu’est-ce qui a rendu cette histoire possible ?",
    ],
    HEnabling => [
        "Leadership, sponsorship, technology, the support team…",
        "Führung, Förderung, Technik, das Support-Team …",
        "Liderazgo, patrocinio, tecnología, el equipo de apoyo…",
        "Liderança, patrocínio, tecnologia, a equipe de apoio…",
        "L’animation, le parrainage, la technologie, l’équipe d’appui…",
    ],
    QLoop => [
        "Did you feed it back into the community?",
        "Hast du es in die Community zurückgetragen?",
        "¿Lo compartiste de vuelta con la comunidad?",
        "Você levou isso de volta à comunidade?",
        "L’as-tu partagé en retour avec la communauté ?",
    ],
    HLoop => [
        "E.g. “I posted the adapted rubric in the library.”",
        "Z. B. „Ich habe das angepasste Raster in die Bibliothek gestellt.“",
        "P. ej. «Publiqué la rúbrica adaptada en la biblioteca».",
        "P. ex. “Publiquei a rubrica adaptada na biblioteca.”",
        "P. ex. « J’ai déposé la grille adaptée dans la bibliothèque. »",
    ],
    StoryLinksLabel => [
        "Links to documents",
        "Links zu Dokumenten",
        "Enlaces a documentos",
        "Links para documentos",
        "Liens vers des documents",
    ],
    StoryLinksHint => [
        "One web address per line, e.g. https://intranet.example/lesson-plan",
        "Eine Webadresse pro Zeile, z. B. https://intranet.example/unterrichtsplan",
        "Una dirección web por línea, p. ej. https://intranet.example/plan",
        "Um endereço web por linha, p. ex. https://intranet.example/plano",
        "Une adresse web par ligne, p. ex. https://intranet.example/plan",
    ],
    StoryTagsLabel => [
        "Tags",
        "Schlagwörter",
        "Etiquetas",
        "Etiquetas",
        "Mots-clés",
    ],
    StoryTagsHint => [
        "Separated by commas, e.g. assessment, group work",
        "Durch Kommas getrennt, z. B. Bewertung, Gruppenarbeit",
        "Separadas por comas, p. ej. evaluación, trabajo en grupo",
        "Separadas por vírgulas, p. ex. avaliação, trabalho em grupo",
        "Séparés par des virgules, p. ex. évaluation, travail de groupe",
    ],
    StoryShareLabel => [
        "Share this story with the community’s sponsors",
        "Diese Geschichte mit den Förderern der Community teilen",
        "Compartir esta historia con los patrocinadores de la comunidad",
        "Compartilhar esta história com os patrocinadores da comunidade",
        "Partager cette histoire avec les parrains de la communauté",
    ],
    StoryAnonymousLabel => [
        "Do not show my name to other members",
        "Meinen Namen anderen Mitgliedern nicht zeigen",
        "No mostrar mi nombre a otros miembros",
        "Não mostrar meu nome a outros membros",
        "Ne pas montrer mon nom aux autres membres",
    ],
    StoryBack => [
        "Back",
        "Zurück",
        "Atrás",
        "Voltar",
        "Retour",
    ],
    StoryContinue => [
        "Continue",
        "Weiter",
        "Continuar",
        "Continuar",
        "Continuer",
    ],
    StoryReviewTitle => [
        "Check your answers",
        "Prüfe deine Angaben",
        "Revisa tus respuestas",
        "Confira suas respostas",
        "Vérifie tes réponses",
    ],
    StoryChange => [
        "Change",
        "Ändern",
        "Cambiar",
        "Alterar",
        "Modifier",
    ],
    StoryNotAnswered => [
        "Not answered",
        "Nicht beantwortet",
        "Sin responder",
        "Não respondida",
        "Sans réponse",
    ],
    StoryYes => [
        "Yes",
        "Ja",
        "Sí",
        "Sim",
        "Oui",
    ],
    StoryNo => [
        "No",
        "Nein",
        "No",
        "Não",
        "Non",
    ],
    StorySubmit => [
        "Submit your story",
        "Geschichte absenden",
        "Enviar tu historia",
        "Enviar sua história",
        "Envoyer ton histoire",
    ],
    StoryErrorSummary => [
        "There is a problem",
        "Es gibt ein Problem",
        "Hay un problema",
        "Há um problema",
        "Il y a un problème",
    ],
    StoryDraftOffer => [
        "You have a draft from {when}. Continue it?",
        "Du hast einen Entwurf vom {when}. Weiterschreiben?",
        "Tienes un borrador del {when}. ¿Quieres seguir?",
        "Você tem um rascunho de {when}. Continuar?",
        "Tu as un brouillon du {when}. Le reprendre ?",
    ],
    StoryDraftContinue => [
        "Continue the draft",
        "Entwurf fortsetzen",
        "Seguir con el borrador",
        "Continuar o rascunho",
        "Reprendre le brouillon",
    ],
    StoryDraftDiscard => [
        "Start again",
        "Neu beginnen",
        "Empezar de nuevo",
        "Começar de novo",
        "Recommencer",
    ],
    StoryNotKept => [
        "This browser does not let the form keep your answers: they are lost if you leave the page before submitting.",
        "Dieser Browser lässt das Formular deine Antworten nicht speichern: Sie gehen verloren, wenn du die Seite vor dem Absenden verlässt.",
        "Este navegador no deja que el formulario guarde tus respuestas: se pierden si sales de la página antes de enviarlas.",
        "Este navegador não deixa o formulário guardar suas respostas: elas se perdem se você sair da página antes de enviar.",
        "Ce navigateur ne laisse pas le formulaire garder tes réponses : elles sont perdues si tu quittes la page avant l’envoi.",
    ],
    StorySending => [
        "Sending your story…",
        "Deine Geschichte wird gesendet …",
        "Enviando tu historia…",
        "Enviando sua história…",
        "Envoi de ton histoire…",
    ],
    StoryPending => [
        "Not sent yet: {reason} Your story is kept on this device and will be sent as soon as the server can be reached.",
        "Noch nicht gesendet: {reason} Deine Geschichte bleibt auf diesem Gerät und wird gesendet, sobald der Server erreichbar ist.",
        "Aún no enviada: {reason} Tu historia se guarda en este dispositivo y se enviará en cuanto se pueda llegar al servidor.",
        "Ainda não enviada: {reason} Sua história fica neste dispositivo e será enviada assim que o servidor puder ser alcançado.",
        "Pas encore envoyée : {reason} Ton histoire est gardée sur cet appareil et sera envoyée dès que le serveur sera joignable.",
    ],
    StoryExpired => [
        "Your session has expired. Sign in again (for example in another tab), then press “Submit your story” again: your story is kept on this device.",
        "Deine Sitzung ist abgelaufen. Melde dich erneut an (z. B. in einem anderen Tab) und drücke dann wieder „Geschichte absenden“: deine Geschichte bleibt auf diesem Gerät.",
        "Tu sesión ha caducado. Vuelve a iniciar sesión (por ejemplo en otra pestaña) y pulsa de nuevo «Enviar tu historia»: tu historia se guarda en este dispositivo.",
        "Sua sessão expirou. Entre novamente (por exemplo em outra aba) e clique de novo em “Enviar sua história”: sua história fica neste dispositivo.",
        "Ta session a expiré. Reconnecte-toi (par exemple dans un autre onglet), puis appuie à nouveau sur « Envoyer ton histoire » : ton histoire est gardée sur cet appareil.",
    ],
    StoryNotSent => [
        "Not sent: {reason} Your story is kept on this device.",
        "Nicht gesendet: {reason} Deine Geschichte bleibt auf diesem Gerät.",
        "No enviada: {reason} Tu historia se guarda en este dispositivo.",
        "Não enviada: {reason} Sua história fica neste dispositivo.",
        "Non envoyée : {reason} Ton histoire est gardée sur cet appareil.",
    ],
    StoryStored => [
        "Thank you: your story is stored.",
        "Danke: deine Geschichte ist gespeichert.",
        "Gracias: tu historia está guardada.",
        "Obrigado: sua história está guardada.",
        "Merci : ton histoire est enregistrée.",
    ],
    // The confirmation panel (GOV.UK's): its title, then what happens next.
    StoryPanelTitle => ["Story stored", "Geschichte gespeichert", "Historia guardada", "História guardada", "Histoire enregistrée"],
    StoryNextTitle => ["What happens next", "Wie es weitergeht", "Qué pasa ahora", "O que acontece agora", "Et maintenant"],
    StoryNext => [
        "Your story is with the community now. Its coordinator gathers stories like yours to show what the community makes possible; you can read yours again at its link.",
        "Deine Geschichte ist jetzt bei der Community. Die Koordination sammelt Geschichten wie deine, um zu zeigen, was die Community möglich macht; unter ihrem Link kannst du deine wieder lesen.",
        "Tu historia ya está en la comunidad. Su coordinación reúne historias como la tuya para mostrar lo que la comunidad hace posible; puedes volver a leer la tuya en su enlace.",
        "Sua história já está com a comunidade. A coordenação reúne histórias como a sua para mostrar o que a comunidade torna possível; você pode ler a sua de novo pelo link.",
        "Ton histoire est maintenant dans la communauté. Sa coordination rassemble des histoires comme la tienne pour montrer ce que la communauté rend possible ; tu peux relire la tienne à son lien.",
    ],
    StoryLink => [
        "Link to this story",
        "Link zu dieser Geschichte",
        "Enlace a esta historia",
        "Link para esta história",
        "Lien vers cette histoire",
    ],
    StoryWriteAnother => [
        "Write another story",
        "Eine weitere Geschichte schreiben",
        "Escribir otra historia",
        "Escrever outra história",
        "Écrire une autre histoire",
    ],
    /// The page to choose optional questions on ([`crate::story::Step::More`]).
    StoryMoreTitle => [
        "Which other parts of the story can you tell?",
        "Welche weiteren Teile der Geschichte kannst du erzählen?",
        "¿Qué otras partes de la historia puedes contar?",
        "Que outras partes da história você pode contar?",
        "Quelles autres parties de l’histoire peux-tu raconter ?",
    ],
    /// Its hint where the community asks for at least one more answer.
    StoryMoreHint => [
        "Choose at least one. The questions you choose come next, one at a time.",
        "Wähle mindestens eine. Die gewählten Fragen folgen, eine nach der anderen.",
        "Elige al menos una. Las preguntas que elijas vienen a continuación, una a una.",
        "Escolha pelo menos uma. As perguntas que você escolher vêm a seguir, uma de cada vez.",
        "Choisis-en au moins une. Les questions choisies suivent, une à une.",
    ],
    /// Its hint where none is required.
    StoryMoreHintOptional => [
        "Choose any you want to answer, or none. The questions you choose come next, one at a time.",
        "Wähle so viele du willst, oder keine. Die gewählten Fragen folgen, eine nach der anderen.",
        "Elige las que quieras responder, o ninguna. Las preguntas que elijas vienen a continuación, una a una.",
        "Escolha as que quiser responder, ou nenhuma. As perguntas que você escolher vêm a seguir, uma de cada vez.",
        "Choisis celles auxquelles tu veux répondre, ou aucune. Les questions choisies suivent, une à une.",
    ],
    /// The review page's way back to the choice.
    StoryAddMore => [
        "Add more to your story",
        "Mehr zur Geschichte hinzufügen",
        "Añadir más a tu historia",
        "Adicionar mais à sua história",
        "Ajouter plus à ton histoire",
    ],
    }

    // The featured-video carousel's (its chunk).
    Carousel {
    // What its own attributes expect (checked by its chunk: `config::carousel_problems`).
    ExpectSeconds => [
        "nothing (every {default} seconds) or a whole number of seconds from {min} to {max}, such as 8 or 8s",
        "nichts (alle {default} Sekunden) oder eine ganze Zahl von Sekunden von {min} bis {max}, etwa 8 oder 8s",
        "nada (cada {default} segundos) o un número entero de segundos de {min} a {max}, como 8 u 8s",
        "nada (a cada {default} segundos) ou um número inteiro de segundos de {min} a {max}, como 8 ou 8s",
        "rien (toutes les {default} secondes) ou un nombre entier de secondes de {min} à {max}, comme 8 ou 8s",
    ],
    ExpectEvents => [
        "none, or an http(s) address or a path starting with / where the events are sent; {cycle} and {community} may stand in it",
        "none oder eine http(s)-Adresse oder ein Pfad mit / am Anfang, an den die Ereignisse gehen; {cycle} und {community} dürfen darin stehen",
        "none, o una dirección http(s) o una ruta que empiece por / a la que se envían los eventos; puede contener {cycle} y {community}",
        "none, ou um endereço http(s) ou um caminho começando com / para onde os eventos são enviados; pode conter {cycle} e {community}",
        "none, ou une adresse http(s) ou un chemin commençant par / où envoyer les événements ; {cycle} et {community} peuvent y figurer",
    ],
    // The featured-video carousel (data-cop-widget="video-carousel").
    CarouselLabel => [
        "Featured videos",
        "Ausgewählte Videos",
        "Videos destacados",
        "Vídeos em destaque",
        "Vidéos à la une",
    ],
    CarouselLabelCycle => [
        "Featured videos: {cycle}",
        "Ausgewählte Videos: {cycle}",
        "Videos destacados: {cycle}",
        "Vídeos em destaque: {cycle}",
        "Vidéos à la une : {cycle}",
    ],
    CarouselSlide => [
        "{index} of {count}",
        "{index} von {count}",
        "{index} de {count}",
        "{index} de {count}",
        "{index} sur {count}",
    ],
    CarouselShowing => [
        "{first} to {last} of {count}",
        "{first} bis {last} von {count}",
        "{first} a {last} de {count}",
        "{first} a {last} de {count}",
        "{first} à {last} sur {count}",
    ],
    CarouselPrevious => ["Previous", "Zurück", "Anterior", "Anterior", "Précédent"],
    CarouselNext => ["Next", "Weiter", "Siguiente", "Próximo", "Suivant"],
    CarouselPicker => [
        "Choose videos",
        "Videos auswählen",
        "Elegir videos",
        "Escolher vídeos",
        "Choisir des vidéos",
    ],
    CarouselPickOne => [
        "Video {index}: {title}",
        "Video {index}: {title}",
        "Video {index}: {title}",
        "Vídeo {index}: {title}",
        "Vidéo {index} : {title}",
    ],
    CarouselPickPage => [
        "Videos {first} to {last}",
        "Videos {first} bis {last}",
        "Videos {first} a {last}",
        "Vídeos {first} a {last}",
        "Vidéos {first} à {last}",
    ],
    CarouselPlay => [
        "Play “{title}”",
        "„{title}“ abspielen",
        "Reproducir «{title}»",
        "Reproduzir “{title}”",
        "Lire « {title} »",
    ],
    CarouselPlayer => [
        "Video: {title}",
        "Video: {title}",
        "Video: {title}",
        "Vídeo: {title}",
        "Vidéo : {title}",
    ],
    CarouselStop => [
        "Stop rotation",
        "Automatisches Weiterblättern anhalten",
        "Detener el pase automático",
        "Parar a rotação automática",
        "Arrêter le défilement automatique",
    ],
    CarouselStart => [
        "Start rotation",
        "Automatisches Weiterblättern starten",
        "Iniciar el pase automático",
        "Iniciar a rotação automática",
        "Lancer le défilement automatique",
    ],
    CarouselTranscriptShow => [
        "Show transcript",
        "Transkript anzeigen",
        "Mostrar transcripción",
        "Mostrar transcrição",
        "Afficher la transcription",
    ],
    CarouselTranscriptHide => [
        "Hide transcript",
        "Transkript ausblenden",
        "Ocultar transcripción",
        "Ocultar transcrição",
        "Masquer la transcription",
    ],
    CarouselTranscript => [
        "Transcript of “{title}”",
        "Transkript von „{title}“",
        "Transcripción de «{title}»",
        "Transcrição de “{title}”",
        "Transcription de « {title} »",
    ],
    CarouselCaptions => ["Captions", "Untertitel", "Subtítulos", "Legendas", "Sous-titres"],
    CarouselWatchOn => [
        "Watch on {provider}",
        "Auf {provider} ansehen",
        "Ver en {provider}",
        "Assistir no {provider}",
        "Regarder sur {provider}",
    ],
    CarouselEmpty => [
        "No videos are featured in this cycle yet.",
        "In diesem Zeitraum sind noch keine Videos ausgewählt.",
        "Todavía no hay videos destacados en este ciclo.",
        "Ainda não há vídeos em destaque neste ciclo.",
        "Aucune vidéo n’est encore à la une pour ce cycle.",
    ],
    CarouselNoCycle => [
        "This community features no videos today: no cycle is running.",
        "Diese Community zeigt heute keine Videos: Es läuft kein Zeitraum.",
        "Esta comunidad no destaca videos hoy: no hay ningún ciclo en curso.",
        "Esta comunidade não destaca vídeos hoje: nenhum ciclo está em andamento.",
        "Cette communauté ne met aucune vidéo à la une aujourd’hui : aucun cycle n’est en cours.",
    ],
    CarouselNonePlayable => [
        "None of the featured videos can be played here.",
        "Keines der ausgewählten Videos kann hier abgespielt werden.",
        "Ninguno de los videos destacados se puede reproducir aquí.",
        "Nenhum dos vídeos em destaque pode ser reproduzido aqui.",
        "Aucune des vidéos à la une ne peut être lue ici.",
    ],
    CarouselPlayerFailed => [
        "The video could not be played here.",
        "Das Video konnte hier nicht abgespielt werden.",
        "No se pudo reproducir el video aquí.",
        "Não foi possível reproduzir o vídeo aqui.",
        "La vidéo n’a pas pu être lue ici.",
    ],
    }

    // The community-rhythm calendar's (its chunk).
    Calendar {
    // What its own attributes expect (checked by its chunk: `config::calendar_problems`).
    ExpectZone => [
        "an IANA time zone name such as Europe/Vienna, America/New_York or UTC",
        "einen Zeitzonennamen der IANA wie Europe/Vienna, America/New_York oder UTC",
        "un nombre de zona horaria IANA como Europe/Vienna, America/New_York o UTC",
        "um nome de fuso horário IANA como Europe/Vienna, America/New_York ou UTC",
        "un nom de fuseau horaire IANA comme Europe/Vienna, America/New_York ou UTC",
    ],
    ExpectKnownZone => [
        "a time zone this browser knows, such as Europe/Vienna",
        "eine Zeitzone, die dieser Browser kennt, etwa Europe/Vienna",
        "una zona horaria que este navegador conozca, como Europe/Vienna",
        "um fuso horário que este navegador conheça, como Europe/Vienna",
        "un fuseau horaire que ce navigateur connaît, comme Europe/Vienna",
    ],
    ExpectFeed => [
        "none, or the http(s) address of an iCalendar feed or a path starting with /",
        "none oder die http(s)-Adresse eines iCalendar-Feeds oder einen Pfad mit / am Anfang",
        "none, o la dirección http(s) de un feed iCalendar o una ruta que empiece por /",
        "none, ou o endereço http(s) de um feed iCalendar ou um caminho começando com /",
        "none, ou l’adresse http(s) d’un flux iCalendar ou un chemin commençant par /",
    ],
    // The calendar's rhythm in words (`calendar::Rhythm::sentence`). Sentences start in lower
    // case (the view capitalises with CSS where one stands alone); `{date}` and `{month}` come
    // formatted from `Intl`; `{nth}` is one of the Nth rows, which carry their article (and
    // in Portuguese its gender: the NthM rows are for sábado and domingo).
    DayMonday => ["Monday", "Montag", "lunes", "segunda-feira", "lundi"],
    DayTuesday => ["Tuesday", "Dienstag", "martes", "terça-feira", "mardi"],
    DayWednesday => ["Wednesday", "Mittwoch", "miércoles", "quarta-feira", "mercredi"],
    DayThursday => ["Thursday", "Donnerstag", "jueves", "quinta-feira", "jeudi"],
    DayFriday => ["Friday", "Freitag", "viernes", "sexta-feira", "vendredi"],
    DaySaturday => ["Saturday", "Samstag", "sábado", "sábado", "samedi"],
    DaySunday => ["Sunday", "Sonntag", "domingo", "domingo", "dimanche"],
    ListAnd => ["{list} and {last}", "{list} und {last}", "{list} y {last}", "{list} e {last}", "{list} et {last}"],
    Nth1 => ["the first", "am ersten", "el primer", "na primeira", "le premier"],
    Nth2 => ["the second", "am zweiten", "el segundo", "na segunda", "le deuxième"],
    Nth3 => ["the third", "am dritten", "el tercer", "na terceira", "le troisième"],
    Nth4 => ["the fourth", "am vierten", "el cuarto", "na quarta", "le quatrième"],
    Nth5 => ["the fifth", "am fünften", "el quinto", "na quinta", "le cinquième"],
    NthLast => ["the last", "am letzten", "el último", "na última", "le dernier"],
    NthSecondLast => ["the second-to-last", "am vorletzten", "el penúltimo", "na penúltima", "l’avant-dernier"],
    Nth1M => ["the first", "am ersten", "el primer", "no primeiro", "le premier"],
    Nth2M => ["the second", "am zweiten", "el segundo", "no segundo", "le deuxième"],
    Nth3M => ["the third", "am dritten", "el tercer", "no terceiro", "le troisième"],
    Nth4M => ["the fourth", "am vierten", "el cuarto", "no quarto", "le quatrième"],
    Nth5M => ["the fifth", "am fünften", "el quinto", "no quinto", "le cinquième"],
    NthLastM => ["the last", "am letzten", "el último", "no último", "le dernier"],
    NthSecondLastM => ["the second-to-last", "am vorletzten", "el penúltimo", "no penúltimo", "l’avant-dernier"],
    /// The first day of the month where `{day}` is a number ("1er" in French).
    MonthDayOne => ["1", "1", "1", "1º", "1er"],
    RhythmDaily => ["every day", "jeden Tag", "todos los días", "todos os dias", "tous les jours"],
    RhythmDailyN => ["every {n} days", "alle {n} Tage", "cada {n} días", "a cada {n} dias", "tous les {n} jours"],
    RhythmWeekdays => ["every weekday", "montags bis freitags", "de lunes a viernes", "de segunda a sexta-feira", "du lundi au vendredi"],
    RhythmWeekly => ["every week on {days}", "jede Woche am {days}", "cada semana el {days}", "semanalmente: {days}", "chaque semaine le {days}"],
    RhythmWeeklyN => ["every {n} weeks on {days}", "alle {n} Wochen am {days}", "cada {n} semanas el {days}", "a cada {n} semanas: {days}", "toutes les {n} semaines le {days}"],
    RhythmMonthlyDay => ["monthly on day {day}", "monatlich am {day}.", "mensualmente el día {day}", "mensalmente no dia {day}", "tous les mois le {day}"],
    RhythmMonthlyDayN => ["every {n} months on day {day}", "alle {n} Monate am {day}.", "cada {n} meses el día {day}", "a cada {n} meses no dia {day}", "tous les {n} mois le {day}"],
    RhythmMonthlyLastDay => ["monthly on the last day", "monatlich am letzten Tag", "mensualmente el último día", "mensalmente no último dia", "tous les mois le dernier jour"],
    RhythmMonthlyLastDayN => ["every {n} months on the last day", "alle {n} Monate am letzten Tag", "cada {n} meses el último día", "a cada {n} meses no último dia", "tous les {n} mois le dernier jour"],
    RhythmMonthlyNth => ["monthly on {nth} {weekday}", "monatlich {nth} {weekday}", "mensualmente, {nth} {weekday}", "mensalmente, {nth} {weekday}", "tous les mois, {nth} {weekday}"],
    RhythmMonthlyNthN => ["every {n} months on {nth} {weekday}", "alle {n} Monate {nth} {weekday}", "cada {n} meses, {nth} {weekday}", "a cada {n} meses, {nth} {weekday}", "tous les {n} mois, {nth} {weekday}"],
    RhythmYearly => ["yearly on {date}", "jährlich am {date}", "cada año el {date}", "anualmente em {date}", "chaque année le {date}"],
    RhythmYearlyN => ["every {n} years on {date}", "alle {n} Jahre am {date}", "cada {n} años el {date}", "a cada {n} anos em {date}", "tous les {n} ans le {date}"],
    RhythmYearlyNth => ["yearly on {nth} {weekday} of {month}", "jährlich {nth} {weekday} im {month}", "cada año, {nth} {weekday} de {month}", "anualmente, {nth} {weekday} de {month}", "chaque année en {month}, {nth} {weekday}"],
    RhythmYearlyNthN => ["every {n} years on {nth} {weekday} of {month}", "alle {n} Jahre {nth} {weekday} im {month}", "cada {n} años, {nth} {weekday} de {month}", "a cada {n} anos, {nth} {weekday} de {month}", "tous les {n} ans en {month}, {nth} {weekday}"],
    RhythmOnce => ["once", "einmalig", "una sola vez", "uma única vez", "une seule fois"],
    RhythmDates => ["on several dates", "an mehreren Terminen", "en varias fechas", "em várias datas", "à plusieurs dates"],
    RhythmCustom => [
        "repeats on a schedule of its own",
        "wiederholt sich nach eigenem Plan",
        "se repite según un calendario propio",
        "repete-se segundo um calendário próprio",
        "se répète selon un calendrier particulier",
    ],
    RhythmTimes => ["{rhythm}, {count} times", "{rhythm}, {count}-mal", "{rhythm}, {count} veces", "{rhythm}, {count} vezes", "{rhythm}, {count} fois"],
    RhythmUntil => ["{rhythm}, until {date}", "{rhythm}, bis zum {date}", "{rhythm}, hasta el {date}", "{rhythm}, até {date}", "{rhythm}, jusqu’au {date}"],
    /// The zone switcher's "14:00 in Vienna": `{time}` from `Intl`, `{place}` the zone's city.
    CalendarTimeIn => ["{time} in {place}", "{time} in {place}", "{time} en {place}", "{time} em {place}", "{time} à {place}"],
    // The calendar widget's view (`src/widgets/calendar.rs`).
    DurationDay => ["1 day", "1 Tag", "1 día", "1 dia", "1 jour"],
    DurationDays => ["{n} days", "{n} Tage", "{n} días", "{n} dias", "{n} jours"],
    KindCall => ["Call", "Call", "Llamada", "Chamada", "Appel"],
    KindWebinar => ["Webinar", "Webinar", "Seminario web", "Webinário", "Webinaire"],
    KindCaseClinic => ["Case clinic", "Fallberatung", "Clínica de casos", "Clínica de casos", "Atelier de cas"],
    KindWorkshop => ["Workshop", "Workshop", "Taller", "Oficina", "Atelier"],
    KindFaceToFace => ["Face-to-face meeting", "Präsenztreffen", "Encuentro presencial", "Encontro presencial", "Rencontre en présentiel"],
    KindOther => ["Event", "Termin", "Evento", "Evento", "Événement"],
    CalendarTitle => ["Community rhythm", "Rhythmus der Community", "Ritmo de la comunidad", "Ritmo da comunidade", "Rythme de la communauté"],
    CalendarNextTitle => ["Coming up", "Demnächst", "Próximamente", "Em breve", "Prochainement"],
    CalendarNothing => [
        "Nothing is planned in the coming months.",
        "In den nächsten Monaten ist nichts geplant.",
        "No hay nada previsto en los próximos meses.",
        "Nada está previsto para os próximos meses.",
        "Rien n’est prévu dans les prochains mois.",
    ],
    /// The agenda's button under its first occurrences: `{count}` more of `{total}`.
    CalendarMore => [
        "Show {count} more ({shown} of {total} shown)",
        "{count} weitere anzeigen ({shown} von {total} angezeigt)",
        "Mostrar {count} más ({shown} de {total} mostrados)",
        "Mostrar mais {count} ({shown} de {total} exibidos)",
        "Afficher {count} de plus ({shown} sur {total} affichés)",
    ],
    CalendarZone => ["Show times in", "Zeiten anzeigen in", "Mostrar las horas en", "Mostrar horários em", "Afficher les heures en"],
    CalendarZoneHere => ["{zone} (this device)", "{zone} (dieses Gerät)", "{zone} (este dispositivo)", "{zone} (este dispositivo)", "{zone} (cet appareil)"],
    CalendarJoin => ["Join online", "Online teilnehmen", "Unirse en línea", "Participar online", "Rejoindre en ligne"],
    CalendarMoved => ["moved", "verschoben", "cambiado de fecha", "remarcado", "déplacé"],
    CalendarAllDay => ["All day", "Ganztägig", "Todo el día", "Dia inteiro", "Toute la journée"],
    CalendarAdd => ["Add to my calendar", "Zu meinem Kalender hinzufügen", "Añadir a mi calendario", "Adicionar ao meu calendário", "Ajouter à mon agenda"],
    CalendarIcsOne => ["This date (.ics)", "Dieser Termin (.ics)", "Esta fecha (.ics)", "Esta data (.ics)", "Cette date (.ics)"],
    CalendarIcsSeries => ["The whole series (.ics)", "Die ganze Serie (.ics)", "Toda la serie (.ics)", "A série inteira (.ics)", "Toute la série (.ics)"],
    CalendarIcsEvent => ["This event (.ics)", "Dieser Termin (.ics)", "Este evento (.ics)", "Este evento (.ics)", "Cet événement (.ics)"],
    CalendarSubscribe => [
        "Subscribe to the community’s calendar",
        "Den Kalender der Community abonnieren",
        "Suscribirse al calendario de la comunidad",
        "Assinar o calendário da comunidade",
        "S’abonner à l’agenda de la communauté",
    ],
    CalendarPrevious => ["Previous month", "Voriger Monat", "Mes anterior", "Mês anterior", "Mois précédent"],
    CalendarNext => ["Next month", "Nächster Monat", "Mes siguiente", "Próximo mês", "Mois suivant"],
    CalendarOnDay => ["{date}: {count} events", "{date}: {count} Termine", "{date}: {count} eventos", "{date}: {count} eventos", "{date} : {count} événements"],
    CalendarOnDayOne => ["{date}: 1 event", "{date}: 1 Termin", "{date}: 1 evento", "{date}: 1 evento", "{date} : 1 événement"],
    CalendarOnDayNone => ["{date}: no events", "{date}: keine Termine", "{date}: sin eventos", "{date}: sem eventos", "{date} : aucun événement"],
    HeartbeatTitle => [
        "Heartbeat: events per week, the past and the coming 12 months",
        "Herzschlag: Termine pro Woche, die vergangenen und die kommenden 12 Monate",
        "Latido: eventos por semana, los 12 meses pasados y los próximos",
        "Batimento: eventos por semana, os 12 meses passados e os próximos",
        "Battement : événements par semaine, les 12 mois passés et à venir",
    ],
    HeartbeatPast => [
        "Past 12 months: events in {active} of {weeks} weeks.",
        "Vergangene 12 Monate: Termine in {active} von {weeks} Wochen.",
        "Últimos 12 meses: eventos en {active} de {weeks} semanas.",
        "Últimos 12 meses: eventos em {active} de {weeks} semanas.",
        "12 derniers mois : des événements {active} semaines sur {weeks}.",
    ],
    HeartbeatWeekly => ["Usually every week.", "Meist jede Woche.", "Normalmente cada semana.", "Normalmente toda semana.", "En général chaque semaine."],
    HeartbeatEvery => ["Usually every {n} weeks.", "Meist alle {n} Wochen.", "Normalmente cada {n} semanas.", "Normalmente a cada {n} semanas.", "En général toutes les {n} semaines."],
    HeartbeatGapOne => [
        "Longest gap: 1 week from {date}.",
        "Längste Pause: 1 Woche ab {date}.",
        "Pausa más larga: 1 semana desde el {date}.",
        "Maior pausa: 1 semana a partir de {date}.",
        "Plus longue pause : 1 semaine à partir du {date}.",
    ],
    HeartbeatGap => [
        "Longest gap: {n} weeks from {date}.",
        "Längste Pause: {n} Wochen ab {date}.",
        "Pausa más larga: {n} semanas desde el {date}.",
        "Maior pausa: {n} semanas a partir de {date}.",
        "Plus longue pause : {n} semaines à partir du {date}.",
    ],
    HeartbeatBurst => [
        "Busiest week: {count} events from {date}.",
        "Dichteste Woche: {count} Termine ab {date}.",
        "Semana más intensa: {count} eventos desde el {date}.",
        "Semana mais intensa: {count} eventos a partir de {date}.",
        "Semaine la plus chargée : {count} événements à partir du {date}.",
    ],
    HeartbeatComing => [
        "Coming 12 months: {events} events planned.",
        "Kommende 12 Monate: {events} Termine geplant.",
        "Próximos 12 meses: {events} eventos previstos.",
        "Próximos 12 meses: {events} eventos previstos.",
        "12 prochains mois : {events} événements prévus.",
    ],
    RhythmAlso => ["{rhythm}, and on other dates", "{rhythm}, dazu an weiteren Terminen", "{rhythm}, y en otras fechas", "{rhythm}, e em outras datas", "{rhythm}, et à d’autres dates"],
    }
}

/// Fills `{name}` arguments in one pass: text that an argument brings in is never scanned
/// again, so a value such as `{member}` found in a page stays as it is. Braces that name no
/// argument are kept.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    // Split at characters, never sliced at indices: the wasm then carries no panic for a
    // slice off a character boundary (with its `Debug` of `char`: 3 KB of code).
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let found = after.split_once('}').and_then(|(name, tail)| {
            let value = args.iter().find(|(key, _)| *key == name)?.1;
            Some((value, tail))
        });
        match found {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "translations")]
    #[test]
    fn every_message_is_translated_with_the_same_arguments() {
        for msg in Msg::ALL {
            let english = msg.text(Lang::En);
            for lang in Lang::ALL {
                let text = msg.text(lang);
                assert!(!text.trim().is_empty(), "{msg:?} is empty in {lang:?}");
                assert!(
                    same_arguments(text, english),
                    "{msg:?} in {lang:?} has other arguments"
                );
            }
        }
    }

    #[cfg(feature = "translations")]
    #[test]
    fn translations_differ_from_english_where_the_language_differs() {
        // A copy-pasted English row would pass the argument check; this catches it for prose.
        assert_ne!(
            Msg::FailTimeout.text(Lang::De),
            Msg::FailTimeout.text(Lang::En)
        );
        assert_ne!(
            Msg::ConfigTitle.text(Lang::Fr),
            Msg::ConfigTitle.text(Lang::En)
        );
    }

    #[cfg(feature = "translations")]
    #[test]
    fn exported_catalogs_pass_the_check_the_browser_makes() {
        for lang in Lang::ALL {
            for part in Part::ALL {
                let texts: Vec<String> = serde_json::from_str(&export(lang, *part)).unwrap();
                assert_eq!(check(*part, &texts), Ok(()), "{lang:?} {part:?}");
                assert_eq!(texts.len(), part.messages().len());
            }
            let platform: Vec<String> =
                serde_json::from_str(&export(lang, Part::Platform)).unwrap();
            assert_eq!(platform[Msg::Retry.place().1], Msg::Retry.text(lang));
        }
        let mut texts: Vec<String> =
            serde_json::from_str(&export(Lang::De, Part::Platform)).unwrap();
        let (part, index) = Msg::ProblemFound.place();
        assert_eq!(part, Part::Platform);
        texts[index] = "{attribute}: {gefunden}".into();
        assert_eq!(check(part, &texts), Err(CatalogError::Arguments(index)));
        texts.pop();
        assert!(matches!(
            check(part, &texts),
            Err(CatalogError::Length { .. })
        ));
    }

    #[test]
    fn every_message_has_one_part_and_parts_are_named_in_catalog_codes() {
        let mut seen = 0;
        for part in Part::ALL {
            for (index, msg) in part.messages().iter().enumerate() {
                assert_eq!(msg.place(), (*part, index));
                seen += 1;
            }
            for lang in Lang::ALL {
                assert_eq!(
                    parse_catalog_code(&catalog_code(lang, *part)),
                    Some((lang, *part))
                );
            }
        }
        assert_eq!(seen, Msg::ALL.len());
        assert_eq!(catalog_code(Lang::De, Part::Platform), "de");
        assert_eq!(catalog_code(Lang::Pt, Part::Story), "pt_story");
        assert_eq!(parse_catalog_code("de_nothing"), None);
        assert_eq!(parse_catalog_code("it"), None);
        // What the pill shows and what both the carousel and the calendar say are the platform's.
        assert_eq!(Msg::LevelCore.place().0, Part::Platform);
        assert_eq!(Msg::DurationMinutes.place().0, Part::Platform);
        assert_eq!(Msg::BadgeUnknownMember.place().0, Part::Platform);
        assert_eq!(Msg::SpreadTitle.place().0, Part::Badge);
    }

    /// The wasm's path: the platform's English compiled in, a chunk's provided by the chunk,
    /// another language installed part by part from its export.
    #[cfg(not(feature = "translations"))]
    #[test]
    fn installed_catalogs_replace_english_and_bad_ones_are_refused() {
        assert!(!is_available(Lang::De, Part::Platform));
        assert_eq!(Msg::Retry.text(Lang::De), "Try again");
        let mut texts: Vec<String> = Part::Platform
            .messages()
            .iter()
            .map(|msg| msg.text(Lang::En).to_owned())
            .collect();
        texts[Msg::Retry.place().1] = "Erneut versuchen".to_owned();
        let mut short = texts.clone();
        short.pop();
        assert!(install(Lang::De, Part::Platform, short).is_err());
        assert!(!is_available(Lang::De, Part::Platform));
        assert_eq!(install(Lang::De, Part::Platform, texts), Ok(()));
        assert!(is_available(Lang::De, Part::Platform));
        assert!(!is_available(Lang::De, Part::Story));
        assert_eq!(Msg::Retry.text(Lang::De), "Erneut versuchen");
        assert_eq!(Msg::Retry.text(Lang::Fr), "Try again");
    }

    /// A chunk's English is there once the chunk provided it; asked for before, it is "" and
    /// the hook hears of it.
    #[cfg(not(feature = "translations"))]
    #[test]
    fn a_chunks_english_comes_with_the_chunk() {
        thread_local! { static HEARD: std::cell::Cell<Option<Msg>> = const { std::cell::Cell::new(None) }; }
        on_missing(|msg| HEARD.with(|heard| heard.set(Some(msg))));
        assert_eq!(Msg::SpreadTitle.text(Lang::En), "");
        assert_eq!(HEARD.with(|heard| heard.get()), Some(Msg::SpreadTitle));
        provide(Part::Badge, english::Badge);
        assert_eq!(
            Msg::SpreadTitle.text(Lang::En),
            english::Badge[Msg::SpreadTitle.place().1]
        );
        assert!(!Msg::SpreadTitle.text(Lang::En).is_empty());
    }

    #[test]
    fn language_follows_the_primary_subtag() {
        assert_eq!(Lang::for_tag("pt-BR"), Lang::Pt);
        assert_eq!(Lang::for_tag("de-CH"), Lang::De);
        assert_eq!(Lang::for_tag("FR"), Lang::Fr);
        assert_eq!(Lang::for_tag("es_419"), Lang::Es);
        assert_eq!(Lang::for_tag("it"), Lang::En);
        assert_eq!(Lang::for_tag(""), Lang::En);
    }

    #[test]
    fn fill_replaces_known_arguments_once() {
        assert_eq!(fill("{a} and {b}", &[("a", "1"), ("b", "2")]), "1 and 2");
        assert_eq!(fill("keep {other}", &[("a", "1")]), "keep {other}");
        assert_eq!(fill("{a}", &[("a", "{a}")]), "{a}");
        assert_eq!(fill("unclosed {a", &[("a", "1")]), "unclosed {a");
        assert_eq!(fill("{…}", &[]), "{…}");
        assert_eq!(fill("Zoë — {t}", &[("t", "مجتمع 🙂")]), "Zoë — مجتمع 🙂");
        assert_eq!(
            fill("<b>{t}</b>", &[("t", "<i>")]),
            "<b><i></b>",
            "text, not markup: nothing escaped"
        );
    }
}
