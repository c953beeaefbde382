export function ComingNext({ title, what }: { title: string; what: string }) {
  return (
    <section aria-labelledby="coming-next-title">
      <h1 id="coming-next-title">{title}</h1>
      <div className="state state-empty">
        <p className="state-title">
          <span className="badge">Coming next</span> This screen is not built yet.
        </p>
        <p>
          It will show {what}. Until then the API does all of it: see the <a href="/docs">API reference</a>.
        </p>
      </div>
    </section>
  );
}
