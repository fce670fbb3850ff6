/** A safety code as both screens show it: 12 groups of 5 digits, large, in three rows, read group by group. */
export function SafetyCode({ code, testId }: { code: string; testId?: string }) {
  const groups = code.split(' ');
  return (
    <ol className="team-code" data-testid={testId} data-code={code} aria-label={code}>
      {groups.map((g, i) => (
        <li key={i} className="team-code-group">
          {g}
        </li>
      ))}
    </ol>
  );
}
