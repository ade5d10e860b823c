using System.Reflection;
using System.Reflection.Emit;

namespace Nuke.Common.Execution;

/// <summary>
/// Reads a Target property's own definition, bypassing overrides: reflection's Invoke always dispatches virtually,
/// which would return the overriding target instead of the base class's or the interface's default definition.
/// </summary>
internal static class NonVirtual
{
    public static Target GetTarget(MethodInfo getter, object instance)
    {
        var method = new DynamicMethod($"{getter.DeclaringType?.Name}_{getter.Name}_NonVirtual", typeof(Target), [typeof(object)],
            typeof(NonVirtual).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Castclass, getter.DeclaringType!);
        il.Emit(OpCodes.Call, getter);
        il.Emit(OpCodes.Ret);
        return ((Func<object, Target>)method.CreateDelegate(typeof(Func<object, Target>)))(instance)
            ?? throw new BuildException($"{getter.DeclaringType?.Name}.{getter.Name[4..]} is null.", "Give the target a definition.");
    }
}
