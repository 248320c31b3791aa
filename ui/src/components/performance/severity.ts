import type { Tone } from '../Badge.tsx';

export const severityTone = (severity: string | undefined): Tone => (severity === 'high' ? 'danger' : severity === 'medium' ? 'warning' : 'neutral');
