import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Empfio", template: "%s · Empfio" },
  description: "Empfio: the AI receptionist for small businesses",
};

// Applies the saved or system theme before first paint, so dark mode never flashes light.
const themeScript = `try{var t=localStorage.getItem("theme");if(t==="dark"||(!t&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
