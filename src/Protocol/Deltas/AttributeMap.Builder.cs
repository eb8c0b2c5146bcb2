using System.Text.Json;

namespace AkkaCollab.Protocol.Deltas;

public sealed partial class AttributeMap
{
    // Collects entries; Set replaces a duplicate key, Add trusts the caller.
    internal struct Builder(int capacity)
    {
        private string[] _keys = capacity == 0 ? [] : new string[capacity];
        private JsonElement[] _values = capacity == 0 ? [] : new JsonElement[capacity];
        private int _count;

        internal readonly int Count => _count;

        internal readonly bool Contains(string key)
        {
            for (var i = 0; i < _count; i++)
            {
                if (string.Equals(_keys[i], key, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        }

        internal readonly ReadOnlySpan<string> KeysSoFar() => _keys.AsSpan(0, _count);

        internal void Set(string key, JsonElement value)
        {
            for (var i = 0; i < _count; i++)
            {
                if (string.Equals(_keys[i], key, StringComparison.Ordinal))
                {
                    _values[i] = value;
                    return;
                }
            }
            Add(key, value);
        }

        internal void Add(string key, JsonElement value)
        {
            if (_count == _keys.Length)
            {
                var size = Math.Max(4, _count * 2);
                Array.Resize(ref _keys, size);
                Array.Resize(ref _values, size);
            }
            _keys[_count] = key;
            _values[_count] = value;
            _count++;
        }

        internal void AddAll(AttributeMap map)
        {
            for (var i = 0; i < map._keys.Length; i++)
            {
                Add(map._keys[i], map._values[i]);
            }
        }

        internal readonly AttributeMap Build()
        {
            if (_count == 0)
            {
                return Empty;
            }
            var keys = _keys;
            var values = _values;
            if (_count != keys.Length)
            {
                keys = keys[.._count];
                values = values[.._count];
            }
            return new AttributeMap(keys, values);
        }
    }
}
