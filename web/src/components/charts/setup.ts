// Registers the Chart.js parts the app's charts use, once, so the bundle carries only those.
import {
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(BarElement, CategoryScale, Filler, Legend, LinearScale, LineElement, PointElement, Tooltip);

// One colour per cluster, readable on white and distinct for the colour-blind where possible.
export const clusterColours = [
  '#0f766e', '#d97706', '#7c3aed', '#db2777', '#2563eb', '#65a30d', '#dc2626', '#0891b2', '#4b5563', '#a16207',
];
