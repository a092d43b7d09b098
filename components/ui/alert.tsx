import { CircleAlert, CircleCheck, Info, TriangleAlert } from "lucide-react";
import { cn } from "@/lib/cn";

const tones = {
  info: {
    icon: Info,
    cls: "border-brand-100 bg-brand-50 text-brand-700 dark:border-brand-700 dark:bg-brand-700/15 dark:text-brand-100",
  },
  success: {
    icon: CircleCheck,
    cls: "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  },
  warning: {
    icon: TriangleAlert,
    cls: "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100",
  },
  danger: {
    icon: CircleAlert,
    cls: "border-red-200 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
  },
} as const;

type Props = {
  tone?: keyof typeof tones;
  title?: React.ReactNode;
  children?: React.ReactNode;
  className?: string;
} & Pick<React.HTMLAttributes<HTMLDivElement>, "role" | "aria-live">;

export function Alert({ tone = "info", title, children, className, ...rest }: Props) {
  const { icon: Icon, cls } = tones[tone];
  return (
    <div className={cn("flex gap-3 rounded-md border p-3 text-sm", cls, className)} {...rest}>
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 flex-1 space-y-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children}
      </div>
    </div>
  );
}

/** A form's error that belongs to no one field (the server's answer), announced when it appears. */
export function FormError({ message }: { message: string | undefined }) {
  return message ? (
    <Alert tone="danger" role="alert">
      {message}
    </Alert>
  ) : null;
}
