//! JSON in the browser: parsed by the browser's own `JSON.parse` (no JSON parser in the
//! wasm), looked into through `cop-core`'s [`Json`] trait for mapping.

use js_sys::Array;
use wasm_bindgen::prelude::*;

use cop_core::mapping::Json;

#[wasm_bindgen(module = "/src/json.js")]
extern "C" {
    /// One step of a pointer, in one call: `src/json.js`.
    #[wasm_bindgen(js_name = child)]
    fn js_child(value: &JsValue, token: &str) -> JsValue;
}

/// A value from `JSON.parse`.
#[derive(Clone, Debug)]
pub struct Js(pub JsValue);

/// `JSON.parse`; `None` for text that is not JSON.
pub fn parse(text: &str) -> Option<Js> {
    js_sys::JSON::parse(text).ok().map(Js)
}

impl Json for Js {
    /// An array's element past its end, or a member that is not there, is `undefined`: never
    /// a value `JSON.parse` makes, so it means "none" (and `null` is a value that is there).
    fn child(&self, token: &str) -> Option<Js> {
        let child = js_child(&self.0, token);
        (!child.is_undefined()).then_some(Js(child))
    }
    fn is_null(&self) -> bool {
        self.0.is_null() || self.0.is_undefined()
    }
    fn as_text(&self) -> Option<String> {
        self.0.as_string()
    }
    fn as_number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn as_bool(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn is_list(&self) -> bool {
        Array::is_array(&self.0)
    }
}
