/** @module icons — small inline SVG icons, decorative (hidden from assistive technology; buttons carry labels). */
import type { JSX } from 'solid-js';

function Svg(props: { children: JSX.Element; class?: string }) {
  return (
    <svg class={`icon ${props.class ?? ''}`} viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor"
      stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
      {props.children}
    </svg>
  );
}

export const Logo = () => (
  <svg class="logo" viewBox="0 0 64 64" width="32" height="32" aria-hidden="true">
    <defs>
      <linearGradient id="logo-g" x1="0" y1="0" x2="1" y2="1">
        <stop offset="0" stop-color="#6366F1" />
        <stop offset=".6" stop-color="#8B5CF6" />
        <stop offset="1" stop-color="#06B6D4" />
      </linearGradient>
    </defs>
    <rect width="64" height="64" rx="14" fill="url(#logo-g)" />
    <path d="M16 46V20l16 15 16-15v26" fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round" stroke-linejoin="round" />
  </svg>
);

export const PlusIcon = () => <Svg><path d="M12 5v14M5 12h14" /></Svg>;
export const SendIcon = () => <Svg><path d="M4 12l16-8-6 16-2.5-6.5z" /></Svg>;
export const StopIcon = () => <Svg><rect x="6" y="6" width="12" height="12" rx="2" /></Svg>;
export const BackIcon = () => <Svg><path d="M15 18l-6-6 6-6" /></Svg>;
export const SunIcon = () => <Svg><circle cx="12" cy="12" r="4" /><path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" /></Svg>;
export const MoonIcon = () => <Svg><path d="M21 12.8A9 9 0 1111.2 3a7 7 0 009.8 9.8z" /></Svg>;
export const KeyboardIcon = () => <Svg><rect x="2" y="6" width="20" height="12" rx="2" /><path d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M7 14h10" /></Svg>;
export const LogoutIcon = () => <Svg><path d="M9 21H5a2 2 0 01-2-2V5a2 2 0 012-2h4M16 17l5-5-5-5M21 12H9" /></Svg>;
export const DownloadIcon = () => <Svg><path d="M12 3v12M7 10l5 5 5-5M5 21h14" /></Svg>;
export const CheckIcon = () => <Svg class="icon-sm"><path d="M5 12l5 5L20 7" /></Svg>;
export const ClockIcon = () => <Svg class="icon-sm"><circle cx="12" cy="12" r="9" /><path d="M12 7v5l3 3" /></Svg>;
export const AlertIcon = () => <Svg class="icon-sm"><path d="M12 9v4M12 17h.01" /><path d="M10.3 3.9L1.8 18a2 2 0 001.7 3h17a2 2 0 001.7-3L13.7 3.9a2 2 0 00-3.4 0z" /></Svg>;
export const PhoneIcon = () => <Svg><path d="M22 16.9v3a2 2 0 01-2.2 2 19.8 19.8 0 01-8.6-3.1 19.5 19.5 0 01-6-6A19.8 19.8 0 012.1 4.2 2 2 0 014.1 2h3a2 2 0 012 1.7c.1.9.4 1.8.7 2.7a2 2 0 01-.5 2.1L8 9.8a16 16 0 006 6l1.3-1.3a2 2 0 012.1-.4c.9.3 1.8.6 2.7.7a2 2 0 011.7 2z" /></Svg>;
export const FlagIcon = () => <Svg class="icon-sm"><path d="M4 22V4M4 4h13l-2 4 2 4H4" /></Svg>;
export const SlidersIcon = () => <Svg><path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12" /><circle cx="16" cy="6" r="2" /><circle cx="10" cy="12" r="2" /><circle cx="18" cy="18" r="2" /></Svg>;
