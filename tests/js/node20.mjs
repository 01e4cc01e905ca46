// matrix-js-sdk 43 asks for Node 22; these machines have Node 20, which lacks one thing it
// uses: Promise.withResolvers (ES2024). Imported first, before the SDK.
if (typeof Promise.withResolvers !== "function") {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((yes, no) => {
      resolve = yes;
      reject = no;
    });
    return { promise, resolve, reject };
  };
}
