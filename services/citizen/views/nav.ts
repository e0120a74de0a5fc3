// The citizen site's navigation in the page header: public pages, and the pages of a signed-in citizen.
export const publicNav = `<nav class="top" aria-label="Main"><a href="/login">Sign in</a><a href="/">Request a PIN</a><a href="/lost-pin">Lost PIN</a></nav>`;
export const signedInNav = `<nav class="top" aria-label="Account"><a href="/home">Home</a><form method="post" action="/logout" style="display:inline"><button type="submit">Sign out</button></form></nav>`;
