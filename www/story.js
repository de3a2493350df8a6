// The host page vouches for who is writing: in the demo's open identity mode, a header.
window.CopWidgets.configure({ headers: { "X-Demo-Member": "m-42" } });
