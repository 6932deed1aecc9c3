// Links for calling a customer: tel: with the number as written (the phone dials it), and
// WhatsApp (https://wa.me/62...) with the number in international form, digits only.

// The number's digits in international form for Indonesia: a leading national 0 or the
// international prefix 00 becomes 62. Null when the text is not a phone number.
export function internationalDigits(phone: string): string | null {
  if (!/^[0-9+\s\-.()/]+$/.test(phone)) return null;
  let digits = phone.replace(/\D/g, '');
  if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = `62${digits.slice(1)}`;
  else if (digits.startsWith('8')) digits = `62${digits}`;
  if (digits.length < 9 || digits.length > 15) return null;
  if (digits.startsWith('620')) return null; // not a real number (a made-up identity)
  return digits;
}

export function telLink(phone: string): string | null {
  const digits = internationalDigits(phone);
  return digits ? `tel:+${digits}` : null;
}

export function whatsAppLink(phone: string): string | null {
  const digits = internationalDigits(phone);
  return digits ? `https://wa.me/${digits}` : null;
}
