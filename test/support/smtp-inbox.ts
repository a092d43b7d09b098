import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { to: string[]; from: string; subject: string; text: string; html: string };

/**
 * A real SMTP server on loopback (the `smtp-server` package) that accepts the login in `url` and keeps
 * every message, parsed, also handing each to `onMail`. `url` is what SMTP_URL should be set to.
 * A free port unless `port` is given.
 */
export async function startSmtpInbox(
  options: { refuse?: () => boolean; port?: number; onMail?: (mail: ReceivedMail) => void } = {},
) {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === "user" && auth.password === "pass") return callback(null, { user: auth.username });
      callback(new Error("Invalid username or password"));
    },
    onData(stream, _session, callback) {
      if (options.refuse?.()) {
        stream.resume();
        return stream.on("end", () => callback(Object.assign(new Error("Mailbox busy"), { responseCode: 451 })));
      }
      simpleParser(stream)
        .then((parsed: ParsedMail) => {
          const to = [parsed.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? ""));
          const mail = {
            to,
            from: parsed.from?.text ?? "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
          };
          mails.push(mail);
          options.onMail?.(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://user:pass@127.0.0.1:${port}`,
    mails,
    to: (address: string) => mails.filter((m) => m.to.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
