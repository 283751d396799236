// The page's entry, kept small: it starts fetching the graph at once, then loads the explorer
// (app.ts and its libraries), which takes the response when it boots.
import "./prefetch";

void import("./app");
