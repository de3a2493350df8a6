//! JSON in the browser: parsed by the browser's own `JSON.parse` (no JSON parser in the
//! wasm), looked into through `cop-core`'s [`Json`] trait for mapping.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use cop_core::mapping::{array_index, Json};

/// A value from `JSON.parse`.
#[derive(Clone, Debug)]
pub struct Js(pub JsValue);

/// `JSON.parse`; `None` for text that is not JSON.
pub fn parse(text: &str) -> Option<Js> {
    js_sys::JSON::parse(text).ok().map(Js)
}

impl Json for Js {
    fn child(&self, token: &str) -> Option<Js> {
        if let Some(array) = self.0.dyn_ref::<Array>() {
            let index = u32::try_from(array_index(token)?).ok()?;
            return (index < array.length()).then(|| Js(array.get(index)));
        }
        // Own members only: a pointer like /constructor must not find Object's prototype.
        let object = self.0.dyn_ref::<Object>()?;
        let key = JsValue::from_str(token);
        if !Object::has_own(object, &key) {
            return None;
        }
        Reflect::get(object, &key).ok().map(Js)
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
