import { Alert } from "./alert";

/** A failed query, in words, with a retry. */
export function ErrorState({ error, onRetry, what }: { error: unknown; onRetry?: () => void; what: string }) {
  const message = error instanceof Error ? error.message : "Something went wrong.";
  return (
    <Alert tone="danger" role="alert" title={`Could not load ${what}`}>
      <p>{message}</p>
      {onRetry ? (
        <button type="button" onClick={onRetry} className="font-medium underline underline-offset-2">
          Try again
        </button>
      ) : null}
    </Alert>
  );
}
